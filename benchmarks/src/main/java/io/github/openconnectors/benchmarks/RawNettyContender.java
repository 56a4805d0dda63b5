package io.github.openconnectors.benchmarks;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Reactor Netty reading the same pages' bytes and nothing more: no parsing, no objects. What the
 * server and the loopback can deliver on this machine, the limit of any client here. Reading ahead
 * as this client does ((d), the limit column) or page after page as the peers do ((e)).
 */
final class RawNettyContender implements Contender {

  private final ConnectionProvider connections = ConnectionProvider.create("raw", 50);
  private final HttpClient http;
  private final boolean readAhead;

  private RawNettyContender(Target target, boolean readAhead) {
    String authorization = target.authorization();
    this.readAhead = readAhead;
    this.http =
        HttpClient.create(connections)
            .baseUrl(target.baseUrl)
            .responseTimeout(Duration.ofSeconds(30))
            .headers(headers -> headers.set("Authorization", authorization));
  }

  /** (d): the next page requested as soon as its cursor is known, three pages in flight. */
  static RawNettyContender readingAhead(Target target) {
    return new RawNettyContender(target, true);
  }

  /** (e): the next page requested once the page before has been read. */
  static RawNettyContender pageAfterPage(Target target) {
    return new RawNettyContender(target, false);
  }

  @Override
  public String name() {
    return readAhead
        ? "(d) raw Reactor Netty, reading ahead, no parsing"
        : "(e) raw Reactor Netty, page after page, no parsing";
  }

  @Override
  public boolean decodes() {
    return false;
  }

  @Override
  public Flux<Long> listing() {
    return readAhead ? Target.readingAhead(this::page) : Target.pageAfterPage(this::page);
  }

  private Flux<Long> page(@Nullable String cursor, Consumer<@Nullable String> next) {
    return http.get()
        .uri(Target.pagePath(cursor))
        .response(
            (response, body) -> {
              next.accept(response.responseHeaders().get(Target.NEXT_PAGE));
              return body.map(ByteBuf::readableBytes).reduce(0L, (total, bytes) -> total + bytes);
            });
  }

  @Override
  public Mono<Long> lookup(long id) {
    return http.get()
        .uri("/instances/" + id)
        .response(
            (response, body) ->
                body.map(ByteBuf::readableBytes).reduce(0L, (total, bytes) -> total + bytes))
        .single();
  }

  @Override
  public void close() {
    connections.dispose();
  }
}
