package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class StreamingTest {

  static final String FIRST = "{\"id\": 1, \"name\": \"first\", \"token\": \"t1\"}";
  static final String SECOND = "{\"id\": 2, \"name\": \"second\"}";

  @Test
  void theFirstInstanceIsEmittedBeforeItsPageHasArrived() {
    Sinks.Empty<Void> restOfPage = Sinks.empty();
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    response
                        .header("Content-Type", "application/json")
                        .sendString(
                            Flux.concat(
                                Flux.just("[" + FIRST + ","),
                                restOfPage.asMono().thenMany(Flux.just(SECOND + "]")))));
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instances().map(instance -> instance.name().orElseThrow()))
          .expectNext("first")
          .then(restOfPage::tryEmitEmpty)
          .expectNext("second")
          .verifyComplete();
    }
  }

  @Test
  void aConsumerOnAnotherThreadAskingForOneAtATimeGetsEveryInstance() {
    // Reactor Netty releases each chunk once it has been handed on. A chunk that arrives while the
    // items of the one before still wait for demand must be decoded there and then: queued as
    // bytes,
    // it would be gone when its turn came (as WebFlux's response writer and publishOn found).
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(2_000).start();
        OpenConnectorsClient client = ClientTests.client(emulator)) {
      AtomicLong previous = new AtomicLong(emulator.firstGeneratedId() - 1);
      StepVerifier.create(
              client
                  .instances()
                  .publishOn(Schedulers.boundedElastic(), 1)
                  .map(Instance::id)
                  .filter(id -> id == previous.get() + 1)
                  .doOnNext(previous::set)
                  .count())
          .expectNext(2_000L)
          .verifyComplete();
    }
  }

  @Test
  void aServiceThatRepeatsACursorEndsTheListingWithAProtocolError() {
    AtomicInteger pages = new AtomicInteger();
    try (StubServer server =
            new StubServer(
                (request, response) -> {
                  int page = pages.incrementAndGet();
                  return response
                      .header("Content-Type", "application/json")
                      .header("Elements-Next-Page-Token", page == 1 ? "c1" : "c2")
                      .sendString(Flux.just("[{\"id\": " + page + "}]"));
                });
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instances().map(Instance::id))
          .expectNext(1L, 2L)
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessageContaining(
                          "the service gave a page cursor it had already given in this listing"))
          .verify(Duration.ofSeconds(5));
      assertThat(pages).hasValue(3);
    }
  }

  @Test
  void aBodyThatIsNotJsonIsAProtocolError() {
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    response
                        .header("Content-Type", "text/html")
                        .sendString(Flux.just("<html>login</html>")));
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instances())
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessage(
                          "GET "
                              + server.baseUrl()
                              + "/instances (query: pageSize): expected a JSON body, got"
                              + " Content-Type text/html"))
          .verify(Duration.ofSeconds(5));
    }
  }

  @Test
  void malformedJsonIsAProtocolErrorThatDoesNotQuoteTheBody() {
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    response
                        .header("Content-Type", "application/json")
                        .sendString(
                            Flux.just("[{\"id\": 1, \"token\": \"secret-token-value\"} oops")));
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instances())
          .expectNextCount(1)
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessageContaining("the body is not valid JSON at byte ")
                      .hasMessageNotContaining("secret-token-value")
                      .hasNoCause())
          .verify(Duration.ofSeconds(5));
    }
  }

  @Test
  void anInstanceAboveTheSizeLimitIsRefused() {
    String large = "{\"id\": 1, \"description\": \"" + "x".repeat(10_000) + "\"}";
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    response
                        .header("Content-Type", "application/json")
                        .sendString(Flux.just("[" + SECOND + "," + large + "]")));
        OpenConnectorsClient client =
            OpenConnectorsClient.builder()
                .baseUrl(server.baseUrl())
                .credentials(Credentials.platform(UserSecret.of("u"), OrganizationSecret.of("o")))
                .maxItemSize(4096)
                .build()) {
      StepVerifier.create(client.instances())
          .expectNextCount(1)
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessageContaining(
                          "an item of the body is larger than the limit of 4096 bytes"))
          .verify(Duration.ofSeconds(5));
    }
  }

  @Test
  void aNonArrayListingIsAProtocolError() {
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    response
                        .header("Content-Type", "application/json")
                        .sendByteArray(
                            Flux.just("{\"message\": \"hi\"}".getBytes(StandardCharsets.UTF_8))));
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instances())
          .expectErrorSatisfies(
              error ->
                  assertThat(error).hasMessageContaining("expected a JSON array, found an object"))
          .verify(Duration.ofSeconds(5));
    }
  }
}
