package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A callback URL for event notifications: takes POSTs on any path, verifies each body's signature
 * before reading it, answers 200 to a genuine one, 401 to a missing or wrong signature, 400 to a
 * signed body that is no JSON and 413 to a body over 1 MiB (refused as it comes, never held whole),
 * and tells what came.
 */
final class EventListener implements AutoCloseable {

  /** Why a delivery was refused, and the status it was answered with. */
  enum Refusal {
    NONE(200, ""),
    SIGNATURE(401, "its signature is missing or wrong"),
    NOT_JSON(400, "its body is no JSON"),
    TOO_LARGE(413, "its body is larger than " + MAX_BODY + " bytes");

    final int status;
    final String why;

    Refusal(int status, String why) {
      this.status = status;
      this.why = why;
    }
  }

  /** One delivery: verified (with its JSON), or refused and why. */
  record Received(@Nullable String webhookId, @Nullable JsonNode json, Refusal refusal) {
    static Received genuine(@Nullable String webhookId, JsonNode json) {
      return new Received(webhookId, json, Refusal.NONE);
    }

    static Received refused(@Nullable String webhookId, Refusal refusal) {
      return new Received(webhookId, null, refusal);
    }

    boolean genuine() {
      return json != null;
    }

    /** One line: the delivery's id, instance, and each change of the event. */
    String line() {
      JsonNode message = json == null ? null : json.path("message");
      if (message == null) {
        return "refused a delivery (" + webhookId + "): " + refusal.why;
      }
      StringBuilder line =
          new StringBuilder()
              .append(webhookId)
              .append("  instance ")
              .append(message.path("instanceId").asString());
      for (JsonNode change : message.path("events")) {
        line.append("  ")
            .append(change.path("eventType").asString())
            .append(' ')
            .append(change.path("objectType").asString())
            .append(' ')
            .append(change.path("objectId").asString());
      }
      return line.toString();
    }
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();
  // A delivery is at most this large: an event, not a file.
  private static final int MAX_BODY = 1024 * 1024;

  private final DisposableServer server;

  private EventListener(DisposableServer server) {
    this.server = server;
  }

  /** Listens on a loopback port (0: any free one), telling each delivery to {@code received}. */
  static EventListener start(
      String host, int port, EventSignatureKey key, Consumer<Received> received) {
    DisposableServer server =
        HttpServer.create()
            .host(host)
            .port(port)
            .handle(
                (request, response) -> {
                  String id = request.requestHeaders().get(WebhookSignature.ID_HEADER);
                  String signature = request.requestHeaders().get(WebhookSignature.HEADER);
                  return body(request)
                      .map(
                          body -> {
                            if (!WebhookSignature.verify(key, body, signature)) {
                              return Received.refused(id, Refusal.SIGNATURE);
                            }
                            try {
                              return Received.genuine(id, JSON.readTree(body));
                            } catch (JacksonException notJson) {
                              return Received.refused(id, Refusal.NOT_JSON);
                            }
                          })
                      .onErrorResume(
                          TooLarge.class,
                          tooLarge -> Mono.just(Received.refused(id, Refusal.TOO_LARGE)))
                      .doOnNext(received)
                      .flatMap(
                          delivery -> response.status(delivery.refusal().status).send().then());
                })
            .bindNow(Duration.ofSeconds(10));
    return new EventListener(server);
  }

  /**
   * The body, refused with {@link TooLarge} as soon as it declares or reaches more than {@link
   * #MAX_BODY} bytes: what has come is kept, never more.
   */
  private static Mono<byte[]> body(HttpServerRequest request) {
    String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    long declared;
    try {
      declared = length == null ? -1L : Long.parseLong(length.strip());
    } catch (NumberFormatException malformed) {
      // Reactor Netty refuses a malformed length before the handler; counted as it comes anyway.
      declared = -1L;
    }
    if (declared > MAX_BODY) {
      return Mono.error(new TooLarge());
    }
    return request
        .receive()
        .reduceWith(
            ByteArrayOutputStream::new,
            (body, chunk) -> {
              if (body.size() + (long) chunk.readableBytes() > MAX_BODY) {
                throw new TooLarge();
              }
              body.writeBytes(ByteBufUtil.getBytes(chunk));
              return body;
            })
        .map(ByteArrayOutputStream::toByteArray)
        .defaultIfEmpty(new byte[0]);
  }

  /** A delivery larger than {@link #MAX_BODY}: not read further. */
  private static final class TooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooLarge() {
      super("the body is larger than " + MAX_BODY + " bytes", null, false, false);
    }
  }

  /** The URL to give an instance as its {@code event.notification.callback.url}. */
  String callbackUrl() {
    return "http://" + server.host() + ":" + server.port() + "/events";
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
  }
}
