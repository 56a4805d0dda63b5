package io.github.openconnectors.emulator;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** The last {@code limit} requests received, oldest first. */
final class Journal {

  private final int limit;
  private final ConcurrentLinkedDeque<RecordedRequest> entries = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();

  Journal(int limit) {
    this.limit = limit;
  }

  void record(RecordedRequest request) {
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
  }
}
