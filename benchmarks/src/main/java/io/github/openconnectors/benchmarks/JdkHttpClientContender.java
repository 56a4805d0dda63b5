package io.github.openconnectors.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * (c) The JDK's {@code HttpClient} with Jackson 3: each page read whole into a byte array, then
 * bound to {@code InstanceRecord[]}; asynchronous, so no thread waits for the network.
 */
final class JdkHttpClientContender implements Contender {

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final JsonMapper mapper = JsonMapper.builder().build();
  private final ObjectReader pages = mapper.readerFor(InstanceRecord[].class);
  private final ObjectReader instances = mapper.readerFor(InstanceDetails.class);
  private final String baseUrl;
  private final String authorization;

  JdkHttpClientContender(Target target) {
    this.baseUrl = target.baseUrl;
    this.authorization = target.authorization();
  }

  @Override
  public String name() {
    return "(c) JDK HttpClient + Jackson";
  }

  @Override
  public Flux<InstanceRecord> listing() {
    return Target.pageAfterPage(
        (cursor, next) ->
            Mono.fromFuture(
                    () ->
                        http.sendAsync(
                            HttpRequest.newBuilder(URI.create(baseUrl + Target.pagePath(cursor)))
                                .header("Authorization", authorization)
                                .header("Accept", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                            HttpResponse.BodyHandlers.ofByteArray()))
                .flatMapMany(
                    response -> {
                      if (response.statusCode() != 200) {
                        return Flux.error(
                            new UncheckedIOException(
                                new IOException("status " + response.statusCode())));
                      }
                      next.accept(response.headers().firstValue(Target.NEXT_PAGE).orElse(null));
                      InstanceRecord[] items = pages.readValue(response.body());
                      return Flux.fromArray(items);
                    }));
  }

  @Override
  public Mono<InstanceDetails> lookup(long id) {
    return Mono.fromFuture(
            () ->
                http.sendAsync(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/instances/" + id))
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray()))
        .map(
            response -> {
              if (response.statusCode() != 200) {
                throw new UncheckedIOException(new IOException("status " + response.statusCode()));
              }
              return instances.readValue(response.body());
            });
  }

  @Override
  public void close() {
    // Java 17's HttpClient has nothing to close: its threads end with it.
  }
}
