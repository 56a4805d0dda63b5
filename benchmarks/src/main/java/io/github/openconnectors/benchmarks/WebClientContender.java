package io.github.openconnectors.benchmarks;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * (b) Spring's {@code WebClient} over Reactor Netty: {@code toEntityFlux(InstanceRecord.class)} per
 * page (the headers first, for the cursor, then the body as a {@code Flux} that Jackson 3 decodes
 * element by element, as {@code bodyToFlux} does).
 */
final class WebClientContender implements Contender {

  private final ConnectionProvider connections = ConnectionProvider.create("webclient", 50);
  private final WebClient web;
  private final String baseUrl;
  private final String authorization;

  WebClientContender(Target target) {
    this.baseUrl = target.baseUrl;
    this.authorization = target.authorization();
    this.web =
        WebClient.builder()
            .clientConnector(
                new ReactorClientHttpConnector(
                    HttpClient.create(connections).responseTimeout(Duration.ofSeconds(30))))
            .build();
  }

  @Override
  public String name() {
    return "(b) Spring WebClient";
  }

  @Override
  public Flux<InstanceRecord> listing() {
    return Target.pageAfterPage(
        (cursor, next) ->
            web.get()
                // Given whole, already encoded: the cursor's '+', '/' and '=' must be escaped.
                .uri(URI.create(baseUrl + Target.pagePath(cursor)))
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .toEntityFlux(InstanceRecord.class)
                .flatMapMany(
                    entity -> {
                      next.accept(entity.getHeaders().getFirst(Target.NEXT_PAGE));
                      Flux<InstanceRecord> body = entity.getBody();
                      return body == null ? Flux.empty() : body;
                    }));
  }

  @Override
  public Mono<InstanceDetails> lookup(long id) {
    return web.get()
        .uri(URI.create(baseUrl + "/instances/" + id))
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .bodyToMono(InstanceDetails.class);
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
