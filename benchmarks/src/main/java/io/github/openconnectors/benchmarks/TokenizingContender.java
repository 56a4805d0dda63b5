package io.github.openconnectors.benchmarks;

import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * (f) Reactor Netty reading ahead as (d), each page then run through Jackson's tokenizer: every
 * token, no strings, no objects. The floor under any client that reads the pages with Jackson.
 */
final class TokenizingContender implements Contender {

  private final ConnectionProvider connections = ConnectionProvider.create("tokenizing", 50);
  private final JsonFactory json = JsonFactory.builder().build();
  private final HttpClient http;

  TokenizingContender(Target target) {
    String authorization = target.authorization();
    this.http =
        HttpClient.create(connections)
            .baseUrl(target.baseUrl)
            .responseTimeout(Duration.ofSeconds(30))
            .headers(headers -> headers.set("Authorization", authorization));
  }

  @Override
  public String name() {
    return "(f) raw Reactor Netty reading ahead + Jackson's tokenizer, no objects";
  }

  @Override
  public boolean decodes() {
    return false;
  }

  @Override
  public Flux<Long> listing() {
    return Target.readingAhead(this::page);
  }

  private Flux<Long> page(@Nullable String cursor, Consumer<@Nullable String> next) {
    return http.get()
        .uri(Target.pagePath(cursor))
        .responseSingle(
            (response, body) -> {
              next.accept(response.responseHeaders().get(Target.NEXT_PAGE));
              return body.asByteArray().map(this::tokens);
            })
        .flux();
  }

  private long tokens(byte[] page) {
    long tokens = 0;
    try (JsonParser parser = json.createParser(ObjectReadContext.empty(), page)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        tokens++;
      }
    }
    return tokens;
  }

  @Override
  public Mono<Long> lookup(long id) {
    return http.get()
        .uri("/instances/" + id)
        .responseSingle((response, body) -> body.asByteArray().map(this::tokens));
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
