package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * Serves answers recorded from the emulator, byte for byte with their paging headers, from memory:
 * no per-request JSON work, so that the server's cost does not blur the clients' limit. Records
 * every page of {@code /instances} in pages of {@link Target#PAGE_SIZE} and chosen lookups; any
 * other request, or a request without the recorded {@code Authorization}, is refused.
 */
final class ReplayServer implements AutoCloseable {

  /** The prefix of the server's thread names: their CPU is not the clients'. */
  static final String THREADS = "openconnectors-replay";

  private static final String BASE_PATH = "/elements/api-v2";
  private static final Set<String> RECORDED_HEADERS =
      Set.of("content-type", "elements-next-page-token", "elements-total-count");

  private final Map<String, Answer> pages = new HashMap<>();
  private final Map<String, Answer> lookups = new HashMap<>();
  private final String authorization;
  private final LoopResources loops = LoopResources.create(THREADS, 1, 2, true);
  private final DisposableServer server;
  private final Target target;
  private final AtomicLong connections = new AtomicLong();

  private ReplayServer(OpenConnectorsEmulator emulator) {
    Target live = new Target(emulator.baseUrl(), emulator.platformCredentials());
    this.authorization = live.authorization();
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .runOn(loops)
            .doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
            .handle(this::answer)
            .bindNow();
    this.target =
        new Target("http://127.0.0.1:" + server.port() + BASE_PATH, emulator.platformCredentials());
  }

  /**
   * Records every page of the emulator's instances and the lookups of {@code ids}, then serves
   * them.
   */
  static ReplayServer record(OpenConnectorsEmulator emulator, List<Long> ids) {
    ReplayServer replay = new ReplayServer(emulator);
    try {
      replay.recordFrom(emulator.baseUrl(), ids);
      return replay;
    } catch (RuntimeException e) {
      replay.close();
      throw e;
    }
  }

  /** The connections accepted so far. */
  long connectionsAccepted() {
    return connections.get();
  }

  /** Where the recorded answers are served, with the emulator's credentials. */
  Target target() {
    return target;
  }

  private void recordFrom(String baseUrl, List<Long> ids) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @Nullable String cursor = null;
    do {
      HttpResponse<byte[]> page = get(http, baseUrl + Target.pagePath(cursor));
      pages.put(cursor == null ? "" : cursor, Answer.of(page));
      cursor =
          page.headers().firstValue(Target.NEXT_PAGE).filter(next -> !next.isEmpty()).orElse(null);
    } while (cursor != null);
    for (long id : ids) {
      lookups.put(Long.toString(id), Answer.of(get(http, baseUrl + "/instances/" + id)));
    }
  }

  private HttpResponse<byte[]> get(HttpClient http, String url) {
    try {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Authorization", authorization)
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("recording " + url + ": status " + response.statusCode());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording", e);
    }
  }

  private Publisher<Void> answer(HttpServerRequest request, HttpServerResponse response) {
    if (!authorization.equals(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
      return response.status(HttpResponseStatus.UNAUTHORIZED).send();
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    Answer answer = null;
    if (uri.path().equals(BASE_PATH + "/instances")) {
      List<String> size = uri.parameters().get("pageSize");
      List<String> next = uri.parameters().get("nextPage");
      if (size != null && size.equals(List.of(Integer.toString(Target.PAGE_SIZE)))) {
        answer = pages.get(next == null ? "" : next.get(0));
      }
    } else if (uri.path().startsWith(BASE_PATH + "/instances/")) {
      answer = lookups.get(uri.path().substring(BASE_PATH.length() + "/instances/".length()));
    }
    if (answer == null) {
      return response.status(HttpResponseStatus.NOT_FOUND).send();
    }
    return response.headers(answer.headers).send(Mono.just(answer.body.retainedDuplicate()));
  }

  @Override
  public void close() {
    server.disposeNow();
    loops.dispose();
    pages.values().forEach(Answer::release);
    lookups.values().forEach(Answer::release);
  }

  /** A recorded answer: its headers and its body, sent as a retained duplicate each time. */
  private static final class Answer {
    private final HttpHeaders headers;
    private final ByteBuf body;

    private Answer(HttpHeaders headers, ByteBuf body) {
      this.headers = headers;
      this.body = body;
    }

    static Answer of(HttpResponse<byte[]> recorded) {
      HttpHeaders headers = new DefaultHttpHeaders();
      recorded
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (RECORDED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                  headers.set(name, values);
                }
              });
      byte[] bytes = recorded.body();
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
      return new Answer(headers, Unpooled.directBuffer(bytes.length).writeBytes(bytes));
    }

    void release() {
      body.release();
    }
  }
}
