package io.github.openconnectors.emulator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/** The last {@code limit} requests received, oldest first, and counts of them all. */
final class Journal {

  private static final Pattern INSTANCE = Pattern.compile("/instances/\\d+");

  private final int limit;
  private final ConcurrentLinkedDeque<RecordedRequest> entries = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();
  private final LongAdder requests = new LongAdder();
  private final LongAdder logIns = new LongAdder();
  private final LongAdder instanceLookups = new LongAdder();
  private final LongAdder unauthorized = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();

  Journal(int limit) {
    this.limit = limit;
  }

  void record(RecordedRequest request) {
    count(request);
    entries.addLast(request);
    if (size.incrementAndGet() > limit && entries.pollFirst() != null) {
      size.decrementAndGet();
    }
  }

  List<RecordedRequest> snapshot() {
    return List.copyOf(entries);
  }

  void clear() {
    entries.clear();
    size.set(0);
    requests.reset();
    logIns.reset();
    instanceLookups.reset();
    unauthorized.reset();
    rateLimited.reset();
  }

  RequestCounts counts() {
    return new RequestCounts(
        requests.sum(), logIns.sum(), instanceLookups.sum(), unauthorized.sum(), rateLimited.sum());
  }

  private void count(RecordedRequest request) {
    requests.increment();
    if (request.method().equals("POST") && request.path().equals("/authentication")) {
      logIns.increment();
    } else if (request.method().equals("GET") && INSTANCE.matcher(request.path()).matches()) {
      instanceLookups.increment();
    }
    if (request.status() == 401) {
      unauthorized.increment();
    } else if (request.status() == 429) {
      rateLimited.increment();
    }
  }
}
