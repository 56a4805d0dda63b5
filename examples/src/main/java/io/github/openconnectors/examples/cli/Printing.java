package io.github.openconnectors.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

/** Prints a stream as it arrives, from the calling (main) thread. */
final class Printing {

  private Printing() {}

  /**
   * Prints each item as it arrives, flushing once per batch: a batch closes after 256 items or 100
   * ms, so a fast listing is not slowed by a flush per row and a slow one still shows every row at
   * once. The batching honours demand, so a slow reader of the output slows the listing down
   * instead of filling memory.
   *
   * @return how many items were printed
   */
  static <T> long stream(Flux<T> items, Consumer<T> print, PrintWriter out, Progress progress) {
    // A buffer drops what it holds on error: end the stream instead, print all, then rethrow.
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    Flux<T> untilFailure =
        items.onErrorResume(
            error -> {
              failure.set(error);
              return Flux.empty();
            });
    long count = 0;
    try {
      for (List<T> batch :
          untilFailure.bufferTimeout(256, Duration.ofMillis(100), true).toIterable(2)) {
        batch.forEach(print);
        count += batch.size();
        out.flush();
        progress.update(count);
      }
    } finally {
      progress.clear();
      out.flush();
    }
    Throwable error = failure.get();
    if (error != null) {
      throw Exceptions.propagate(error);
    }
    return count;
  }
}
