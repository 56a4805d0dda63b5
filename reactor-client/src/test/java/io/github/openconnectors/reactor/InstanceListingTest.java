package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.client;
import static io.github.openconnectors.reactor.ClientTests.requests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class InstanceListingTest {

  @ParameterizedTest(name = "{0} instances")
  @ValueSource(ints = {0, 1, 199, 200, 201, 10_000})
  void listsEveryInstanceOnceInOrder(int count) {
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(count).start();
        OpenConnectorsClient client = client(emulator)) {
      List<Long> expected =
          LongStream.range(emulator.firstGeneratedId(), emulator.firstGeneratedId() + count)
              .boxed()
              .toList();

      StepVerifier.create(client.instances().map(Instance::id).collectList())
          .assertNext(ids -> assertThat(ids).isEqualTo(expected))
          .verifyComplete();
      assertThat(requests(emulator, "/instances")).hasSize(Math.max(1, (count + 199) / 200));
    }
  }

  @Test
  void takeOneOfAThousandPagesMakesOneRequest() {
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(1000).start();
        OpenConnectorsClient client = client(emulator, b -> b.pageSize(1))) {
      StepVerifier.create(client.instances().take(1)).expectNextCount(1).verifyComplete();

      assertThat(requests(emulator, "/instances")).hasSize(1);
    }
  }

  @Test
  void theNextPageIsRequestedOnlyWhenDemandReachesIt() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(30).start();
        OpenConnectorsClient client = client(emulator, b -> b.pageSize(10))) {
      StepVerifier.create(client.instances(), 0)
          .thenRequest(5)
          .expectNextCount(5)
          .then(() -> assertThat(requests(emulator, "/instances")).hasSize(1))
          .thenRequest(5)
          .expectNextCount(5)
          .then(
              () ->
                  assertThat(requests(emulator, "/instances"))
                      .as("page 1 consumed exactly")
                      .hasSize(1))
          .thenRequest(1)
          .expectNextCount(1)
          .then(() -> assertThat(requests(emulator, "/instances")).hasSize(2))
          .thenRequest(Long.MAX_VALUE)
          .expectNextCount(19)
          .verifyComplete();
      assertThat(requests(emulator, "/instances")).hasSize(3);
    }
  }

  @Test
  void limitRateNeverRunsAPageAhead() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(50).start();
        OpenConnectorsClient client = client(emulator, b -> b.pageSize(10))) {
      StepVerifier.create(
              client
                  .instances()
                  .limitRate(3)
                  .index()
                  .doOnNext(
                      indexed -> {
                        long consumed = indexed.getT1() + 1;
                        long pagesNeeded = (consumed + 9) / 10;
                        // limitRate may prefetch up to 3 items: never a page beyond those.
                        assertThat((long) requests(emulator, "/instances").size())
                            .isLessThanOrEqualTo((consumed + 3 + 9) / 10)
                            .isGreaterThanOrEqualTo(pagesNeeded);
                      }))
          .expectNextCount(50)
          .verifyComplete();
    }
  }

  @Test
  void eachSubscriptionPagesFromItsOwnStart() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(25).start();
        OpenConnectorsClient client = client(emulator, b -> b.pageSize(10))) {
      Flux<Long> ids = client.instances().map(Instance::id);

      StepVerifier.create(ids.take(12).collectList().zipWith(ids.collectList()))
          .assertNext(
              both -> {
                assertThat(both.getT1()).isEqualTo(both.getT2().subList(0, 12));
                assertThat(both.getT2()).hasSize(25);
              })
          .verifyComplete();
      assertThat(
              requests(emulator, "/instances").stream()
                  .filter(r -> !r.query().containsKey("nextPage")))
          .hasSize(2);
    }
  }

  @Test
  void sendsTheQueryPercentEncoded() {
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder()
                .instance(
                    EmulatedInstance.builder(1, InstanceToken.of("a"))
                        .name("Vertrieb Zürich")
                        .tags("prod", "eu west")
                        .build())
                .instance(
                    EmulatedInstance.builder(2, InstanceToken.of("b"))
                        .name("Vertrieb Köln")
                        .tags("prod")
                        .build())
                .start();
        OpenConnectorsClient client = client(emulator)) {
      InstanceQuery query =
          InstanceQuery.all()
              .withTags("prod", "eu west")
              .withSearchText("zürich")
              .withHydrate(true)
              .withPageSize(1);

      StepVerifier.create(client.instances(query))
          .assertNext(
              instance -> {
                assertThat(instance.id()).isEqualTo(1);
                assertThat(instance.configuration()).containsEntry("oauth.api.secret", "********");
                assertThat(instance.tags()).containsExactly("prod", "eu west");
              })
          .verifyComplete();
      assertThat(requests(emulator, "/instances").get(0).query())
          .containsEntry("tags[]", List.of("prod", "eu west"))
          .containsEntry("searchText", List.of("zürich"))
          .containsEntry("hydrate", List.of("true"))
          .containsEntry("pageSize", List.of("1"));
    }
  }

  @Test
  void pagesCarryCursorTotalAndRequestIdAndCanBeResumed() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(25).start();
        OpenConnectorsClient client = client(emulator)) {
      InstanceQuery query = InstanceQuery.all().withPageSize(10);
      List<Page<Instance>> pages =
          client.instancePages(query).collectList().block(Duration.ofSeconds(10));

      assertThat(pages).extracting(page -> page.items().size()).containsExactly(10, 10, 5);
      assertThat(pages.get(0).totalCount()).hasValue(25);
      assertThat(pages.get(1).totalCount()).isEmpty();
      assertThat(pages.get(0).requestId()).isPresent();
      assertThat(pages.get(2).nextPageToken()).isEmpty();
      String resumeAt = pages.get(0).nextPageToken().orElseThrow();

      StepVerifier.create(client.instances(query.resumingFrom(resumeAt)).map(Instance::id))
          .expectNext(emulator.firstGeneratedId() + 10)
          .expectNextCount(14)
          .verifyComplete();
    }
  }

  @Test
  void anErrorOnPageKArrivesAfterTheEarlierPages() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(30).start();
        OpenConnectorsClient client =
            client(emulator, b -> b.pageSize(10).retry(RetryPolicy.none()))) {
      StepVerifier.create(client.instances(), 20)
          .expectNextCount(20)
          .then(() -> emulator.inject(Fault.status(500)))
          .thenRequest(10)
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ServerException.class)
                      .hasMessageStartingWith(
                          "GET "
                              + emulator.baseUrl()
                              + "/instances (query: pageSize, nextPage): 500 Internal Server"
                              + " Error"))
          .verify(Duration.ofSeconds(10));
    }
  }

  @Test
  void theFirstInstanceOfATrickledPageArrivesLongBeforeThePageEnds() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(20).start();
        OpenConnectorsClient client = client(emulator)) {
      // About 16 KB in chunks of 2 KB, 100 ms apart: the page takes about 0.8 s to arrive.
      emulator.inject(Fault.trickle(2048, Duration.ofMillis(100)));
      long start = System.nanoTime();
      AtomicLong firstAt = new AtomicLong();

      StepVerifier.create(
              client.instances().doOnNext(i -> firstAt.compareAndSet(0, System.nanoTime())))
          .expectNextCount(20)
          .verifyComplete();

      Duration toFirst = Duration.ofNanos(firstAt.get() - start);
      Duration toLast = Duration.ofNanos(System.nanoTime() - start);
      assertThat(toLast).isGreaterThan(Duration.ofMillis(600));
      assertThat(toFirst)
          .as("first of %s", toLast)
          .isLessThan(toLast.minus(Duration.ofMillis(400)));
    }
  }

  @Test
  void aTrickledPageStillYieldsEveryInstance() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(15).start();
        OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.trickle(997, Duration.ofMillis(5)));

      StepVerifier.create(client.instances().count()).expectNext(15L).verifyComplete();
    }
  }
}
