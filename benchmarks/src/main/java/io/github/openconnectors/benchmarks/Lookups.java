package io.github.openconnectors.benchmarks;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Concurrent {@code instance(id)} calls, each one timed from its sending to its answer. */
final class Lookups {

  private Lookups() {}

  /**
   * Looks up {@code calls} instances from {@code firstId} on, {@code inFlight} at a time, and
   * returns how long each took, in nanoseconds.
   */
  static long[] timed(OpenConnectorsClient client, long firstId, int calls, int inFlight) {
    long[] latencies = new long[calls];
    Flux.range(0, calls)
        .flatMap(
            i ->
                Mono.defer(
                    () -> {
                      long sent = System.nanoTime();
                      return client
                          .instance(firstId + i)
                          .doOnNext(instance -> latencies[i] = System.nanoTime() - sent);
                    }),
            inFlight)
        .then()
        .block();
    return latencies;
  }
}
