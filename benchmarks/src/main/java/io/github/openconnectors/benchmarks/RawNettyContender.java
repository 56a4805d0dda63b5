package io.github.openconnectors.benchmarks;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * (d) Reactor Netty reading the same pages' bytes and nothing more: no parsing, no objects. What
 * the emulator and the loopback can deliver on this machine, the limit of any client here.
 */
final class RawNettyContender implements Contender {

  private final ConnectionProvider connections = ConnectionProvider.create("raw", 50);
  private final HttpClient http;

  RawNettyContender(Target target) {
    String authorization = target.authorization();
    this.http =
        HttpClient.create(connections)
            .baseUrl(target.baseUrl)
            .responseTimeout(Duration.ofSeconds(30))
            .headers(headers -> headers.set("Authorization", authorization));
  }

  @Override
  public String name() {
    return "(d) raw Reactor Netty, no parsing";
  }

  @Override
  public boolean decodes() {
    return false;
  }

  @Override
  public Flux<Long> listing() {
    return Target.pageAfterPage(
        (cursor, next) ->
            http.get()
                .uri(Target.pagePath(cursor))
                .response(
                    (response, body) -> {
                      next.accept(response.responseHeaders().get(Target.NEXT_PAGE));
                      return body.map(ByteBuf::readableBytes)
                          .reduce(0L, (total, bytes) -> total + bytes);
                    }));
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
