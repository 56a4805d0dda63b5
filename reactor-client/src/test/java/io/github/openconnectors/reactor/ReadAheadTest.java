package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

/** With unbounded demand, pages are read ahead; the listing stays what it was. */
class ReadAheadTest {

  /** The pages asked for, by cursor ("first" for the first page), in order. */
  final List<String> asked = new CopyOnWriteArrayList<>();

  /** Completes when the third page has been asked for. */
  final Sinks.Empty<Void> thirdAsked = Sinks.empty();

  StubServer server(boolean thirdFails) {
    return new StubServer(
        (request, response) -> {
          List<String> cursor = new QueryStringDecoder(request.uri()).parameters().get("nextPage");
          String page = cursor == null ? "first" : cursor.get(0);
          asked.add(page);
          return switch (page) {
            case "first" -> json(response, "c2").sendString(Mono.just("[{\"id\": 1}]"));
            // The second page holds its last item back until the third page has been asked for:
            // a client that waited for this page to end before asking would wait forever.
            case "c2" ->
                json(response, "c3")
                    .sendString(
                        Flux.concat(
                            Mono.just("[{\"id\": 2},"),
                            thirdAsked.asMono().then(Mono.just("{\"id\": 3}]"))));
            default -> {
              thirdAsked.tryEmitEmpty();
              yield thirdFails
                  ? response.status(500).sendString(Mono.just("{\"message\": \"down\"}"))
                  : json(response, null).sendString(Mono.just("[{\"id\": 4}]"));
            }
          };
        });
  }

  private static HttpServerResponse json(HttpServerResponse response, @Nullable String next) {
    response.header("Content-Type", "application/json");
    return next == null ? response : response.header(Paging.NEXT_PAGE_TOKEN, next);
  }

  @Test
  void withUnboundedDemandTheNextPageIsAskedForWhileTheCurrentOneArrives() {
    try (StubServer server = server(false);
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instances().map(Instance::id))
          .expectNext(1L, 2L, 3L, 4L)
          .expectComplete()
          .verify(Duration.ofSeconds(10));
      assertThat(asked).containsExactly("first", "c2", "c3");
    }
  }

  @Test
  void aPageReadAheadThatFailsEndsTheListingAfterEveryItemBeforeIt() {
    try (StubServer server = server(true);
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instances().map(Instance::id))
          .expectNext(1L, 2L, 3L)
          .expectError(ServerException.class)
          .verify(Duration.ofSeconds(10));
    }
  }

  @Test
  void nextAndBlockFirstAskForTheFirstPageOnly() {
    try (StubServer server = server(false);
        OpenConnectorsClient client = server.client()) {
      assertThat(client.instances().next().map(Instance::id).block(Duration.ofSeconds(10)))
          .isEqualTo(1L);
      assertThat(client.instances().blockFirst(Duration.ofSeconds(10)).id()).isEqualTo(1L);
      assertThat(asked).containsExactly("first", "first");
    }
  }

  @Test
  void boundedDemandStillAsksPageByPage() {
    try (StubServer server = server(false);
        OpenConnectorsClient client = server.client()) {
      // Two items: the first page and the start of the second; the third is never asked for.
      StepVerifier.create(client.instances().map(Instance::id), 2)
          .expectNext(1L, 2L)
          .thenCancel()
          .verify(Duration.ofSeconds(10));
      assertThat(asked).containsExactly("first", "c2");
    }
  }
}
