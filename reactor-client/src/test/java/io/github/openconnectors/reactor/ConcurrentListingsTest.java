package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.awaitPoolIdle;
import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Full listings read pages ahead, and page headers arrive on whichever event loop carries their
 * connection: many listings at once must each read every item, whatever the interleaving.
 */
class ConcurrentListingsTest {

  private static final int INSTANCES = 1_000;
  private static final int PAGE_SIZE = 20;

  @ParameterizedTest(name = "{0} at a time")
  @ValueSource(ints = {2, 4, 16})
  void manyFullListingsAtOnceEachReadEveryInstance(int atATime) {
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(INSTANCES).start();
        OpenConnectorsClient client = client(emulator, b -> b.pageSize(PAGE_SIZE))) {
      // 50 pages a listing, 120 listings: thousands of page headers racing across event loops.
      StepVerifier.create(
              Flux.range(0, 120)
                  .flatMap(listing -> client.instances().count(), atATime)
                  .collectList())
          .assertNext(counts -> assertThat(counts).hasSize(120).containsOnly((long) INSTANCES))
          .expectComplete()
          .verify(Duration.ofSeconds(60));
      awaitPoolIdle(client);
    }
  }

  /**
   * Each event loop parses the chunks of all its connections in one window of its own, carrying the
   * instance cut off by a chunk's end in each listing's decoder: listings interleaved on the same
   * loops must each decode exactly the service's instances, field by field, in order.
   */
  @Test
  void listingsInterleavedOnTheSameEventLoopsEachDecodeExactlyTheServicesInstances() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(600).start();
        OpenConnectorsClient client = client(emulator, b -> b.pageSize(150))) {
      List<Instance> expected = client.instances().collectList().block(Duration.ofSeconds(30));
      assertThat(expected).hasSize(600).doesNotHaveDuplicates();
      for (int round = 0; round < 3; round++) {
        StepVerifier.create(
                Flux.range(0, 48)
                    .flatMap(
                        listing ->
                            (listing % 2 == 0
                                    ? client.instances()
                                    // Bounded demand too: pages on demand, delivered elsewhere.
                                    : client
                                        .instances()
                                        .limitRate(7)
                                        .publishOn(Schedulers.parallel()))
                                .collectList(),
                        16)
                    .collectList())
            .assertNext(
                listings ->
                    assertThat(listings)
                        .hasSize(48)
                        .allSatisfy(listing -> assertThat(listing).isEqualTo(expected)))
            .expectComplete()
            .verify(Duration.ofSeconds(60));
      }
      awaitPoolIdle(client);
    }
  }

  @Test
  void headersArrivingWhileAnotherLoopIsStillHandingOnThePreviousPositionAreTaken() {
    // Forces the interleaving of two event loops. The second page's headers arrive on this
    // thread, which hands the third page's position on and, from there, subscribes to the third
    // page; that page's headers arrive on another thread while this one is still handing on (it
    // waits there until the other thread is done).
    Sinks.Empty<Void> secondPageAnswers = Sinks.empty();
    Flux<Integer> listing =
        Paging.items(
            null,
            cursor -> {
              String at = cursor.current();
              if (at == null) {
                return headers(cursor, "p2").thenMany(Flux.just(1));
              }
              return switch (at) {
                case "p2" ->
                    secondPageAnswers.asMono().then(headers(cursor, "p3")).thenMany(Flux.just(2));
                case "p3" -> onOtherThreadAndWait(headers(cursor, "p4")).thenMany(Flux.just(3));
                default -> headers(cursor, null).thenMany(Flux.just(4));
              };
            });

    StepVerifier.create(listing)
        .expectNext(1)
        // Subscribed and waiting: the second page's headers arrive on this thread now.
        .then(secondPageAnswers::tryEmitEmpty)
        .expectNext(2, 3, 4)
        .expectComplete()
        .verify(Duration.ofSeconds(10));
  }

  private static Mono<Void> headers(Paging.Cursor cursor, @Nullable String next) {
    HttpHeaders headers = new DefaultHttpHeaders();
    if (next != null) {
      headers.set(Paging.NEXT_PAGE_TOKEN, next);
    }
    return Mono.defer(() -> cursor.advance(headers));
  }

  /** Lets the headers arrive on a thread of their own, and waits here until they are taken. */
  private static Mono<Void> onOtherThreadAndWait(Mono<Void> arrival) {
    return Mono.create(
        sink -> {
          Thread loop =
              new Thread(
                  () -> arrival.subscribe(null, sink::error, sink::success), "other-event-loop");
          loop.start();
          try {
            loop.join(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.error(e);
          }
        });
  }
}
