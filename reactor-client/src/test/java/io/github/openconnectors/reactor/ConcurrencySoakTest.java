package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.awaitPoolIdle;
import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Everything at once, as a busy service runs it: full listings (reading ahead), listings cut short,
 * lookups, connector calls, cancellations, while the user secret rotates and instance tokens are
 * re-issued underneath. Nothing may fail that the service did not fail, no buffer may leak (the
 * class runs under paranoid leak detection), and afterwards the pool must be idle and serve.
 */
@Timeout(180)
class ConcurrencySoakTest {

  /**
   * The longest an operation may go without a signal (an item, its end) before it counts as
   * stalled. A hang is found by a silence, not by the whole run's length: on a loaded machine the
   * traffic takes several times its usual 10 s, every operation still moving.
   */
  static final Duration STALL = Duration.ofSeconds(30);

  static final int INSTANCES = 1_000;
  static final int RECORDS = 120;
  static final int OPERATIONS = 1_200;

  @Test
  void mixedTrafficRidesThroughRotationsAndCancellationsAndLeavesThePoolUsable() {
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder()
                .instances(INSTANCES)
                .recordsPerInstance(RECORDS)
                .workerThreads(2)
                .start();
        OpenConnectorsClient client =
            client(
                emulator,
                b ->
                    b.credentialsProvider(
                            CachingCredentialsProvider.builder(
                                    Mono.fromSupplier(emulator::platformCredentials))
                                .build())
                        .pageSize(40)
                        // Enough for every listing's read-ahead: requests do not queue for a
                        // connection holding credentials that a rotation makes stale meanwhile.
                        .maxConnections(256))) {
      long first = emulator.firstGeneratedId();
      AtomicInteger completed = new AtomicInteger();
      AtomicInteger changes = new AtomicInteger();
      Map<Integer, InFlight> inFlight = new ConcurrentHashMap<>();
      Flux<String> traffic =
          Flux.range(0, OPERATIONS)
              .flatMap(
                  i ->
                      operation(client, first, i, inFlight)
                          // Started from several threads, as callers on event loops are.
                          .subscribeOn(i % 2 == 0 ? Schedulers.parallel() : Schedulers.single())
                          .doOnSuccess(
                              kind -> {
                                // The secret rotates and a token is re-issued after every 150
                                // operations, while 48 others are in flight: a request meets at
                                // most one change, which one re-send rides through.
                                if (completed.incrementAndGet() % 150 == 0) {
                                  emulator.rotateUserSecret();
                                  emulator.reissueInstanceToken(first + changes.get() % 8);
                                  changes.incrementAndGet();
                                }
                              }),
                  48);

      StepVerifier.Step<List<String>> outcome =
          StepVerifier.create(traffic.collectList())
              .assertNext(
                  kinds ->
                      assertThat(kinds)
                          .hasSize(OPERATIONS)
                          .containsOnly(
                              "full listing",
                              "listing cut short",
                              "lookup",
                              "connector listing",
                              "connector get",
                              "cancelled listing"));
      try {
        outcome.expectComplete().verify(Duration.ofSeconds(150));
      } catch (AssertionError failed) {
        // Which operations had not ended, and how far each got: a stalled one (its STALL timeout
        // failed the traffic) or a slow run tells itself apart here.
        throw new AssertionError(
            failed.getMessage()
                + "; "
                + completed.get()
                + " operations ended, pool "
                + ClientTests.pool(client).acquired()
                + " acquired, "
                + ClientTests.pool(client).idle()
                + " idle; still in flight: "
                + new TreeMap<>(inFlight),
            failed);
      }
      assertThat(changes).as("rotations met by the traffic").hasValue(OPERATIONS / 150);

      awaitPoolIdle(client);
      StepVerifier.create(client.instances().count()).expectNext((long) INSTANCES).verifyComplete();
      StepVerifier.create(client.instance(first)).expectNextCount(1).verifyComplete();
      awaitPoolIdle(client);
      assertThat(ClientTests.pool(client).acquired()).isZero();
    }
  }

  /** An operation under way: what it is, and how many items or signals it has seen. */
  private record InFlight(String kind, AtomicInteger items, long startedNanos) {
    @Override
    public String toString() {
      return kind
          + " ("
          + items
          + " items, for "
          + Duration.ofNanos(System.nanoTime() - startedNanos).toMillis()
          + " ms)";
    }
  }

  private static Mono<String> operation(
      OpenConnectorsClient client, long first, int i, Map<Integer, InFlight> inFlight) {
    AtomicInteger items = new AtomicInteger();
    return Mono.defer(
        () -> {
          inFlight.put(i, new InFlight(KINDS[i % 6], items, System.nanoTime()));
          return operation(client, first, i, items).doFinally(signal -> inFlight.remove(i));
        });
  }

  private static final String[] KINDS = {
    "full listing",
    "listing cut short",
    "lookup",
    "connector listing",
    "connector get",
    "cancelled listing"
  };

  private static Mono<String> operation(
      OpenConnectorsClient client, long first, int i, AtomicInteger items) {
    long id = first + i % 8;
    return switch (i % 6) {
      case 0 ->
          client
              .instances()
              .timeout(STALL)
              .doOnNext(instance -> items.incrementAndGet())
              .count()
              .doOnNext(n -> assertThat(n).isEqualTo(INSTANCES))
              .thenReturn("full listing");
      case 1 ->
          client
              .instances()
              .timeout(STALL)
              .doOnNext(instance -> items.incrementAndGet())
              .take(90)
              .count()
              .doOnNext(n -> assertThat(n).isEqualTo(90))
              .thenReturn("listing cut short");
      case 2 ->
          client
              .instance(id)
              .timeout(STALL)
              .doOnNext(found -> assertThat(found.id()).isEqualTo(id))
              .thenReturn("lookup");
      case 3 ->
          client
              .connector(id)
              .list("crm/contacts")
              .timeout(STALL)
              .doOnNext(record -> items.incrementAndGet())
              .count()
              .doOnNext(n -> assertThat(n).isEqualTo(RECORDS))
              .thenReturn("connector listing");
      case 4 ->
          client
              .connector(id)
              .get("crm/contacts/" + (1 + i % RECORDS))
              .timeout(STALL)
              .thenReturn("connector get");
      default ->
          // Cancelled wherever it happens to be: before its first page, between pages, mid-page.
          client
              .instances()
              .timeout(STALL)
              .doOnNext(instance -> items.incrementAndGet())
              .take(Duration.ofMillis(i % 40))
              .then()
              .thenReturn("cancelled listing");
    };
  }
}
