package io.github.openconnectors.benchmarks;

import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Concurrent calls, each one timed from its sending to its answer. */
final class Lookups {

  private Lookups() {}

  /**
   * Makes {@code calls} calls, the {@code i}th by {@code call.apply(i)}, {@code inFlight} at a
   * time, and returns how long each took, in nanoseconds.
   *
   * @throws IllegalStateException if a call answered nothing
   */
  static long[] timed(IntFunction<Mono<?>> call, int calls, int inFlight) {
    long[] latencies = new long[calls];
    Flux.range(0, calls)
        .flatMap(
            i ->
                Mono.defer(
                    () -> {
                      long sent = System.nanoTime();
                      return call.apply(i)
                          .switchIfEmpty(
                              Mono.error(
                                  () ->
                                      new IllegalStateException("call " + i + " answered nothing")))
                          .doOnNext(answer -> latencies[i] = System.nanoTime() - sent);
                    }),
            inFlight)
        .then()
        .block();
    return latencies;
  }
}
