package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A callback URL for event notifications: takes POSTs on any path, verifies each body's signature
 * before reading it, answers 200 to a genuine one and 401 to any other, and tells what came.
 */
final class EventListener implements AutoCloseable {

  /** One delivery: verified (with its JSON) or refused. */
  record Received(@Nullable String webhookId, @Nullable JsonNode json) {
    boolean genuine() {
      return json != null;
    }

    /** One line: the delivery's id, instance, and each change of the event. */
    String line() {
      JsonNode message = json == null ? null : json.path("message");
      if (message == null) {
        return "refused a delivery (" + webhookId + "): its signature is missing or wrong";
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
                (request, response) ->
                    request
                        .receive()
                        .aggregate()
                        .asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .map(
                            body -> {
                              String id = request.requestHeaders().get(WebhookSignature.ID_HEADER);
                              String signature =
                                  request.requestHeaders().get(WebhookSignature.HEADER);
                              if (body.length > MAX_BODY
                                  || !WebhookSignature.verify(key, body, signature)) {
                                return new Received(id, null);
                              }
                              try {
                                return new Received(id, JSON.readTree(body));
                              } catch (JacksonException notJson) {
                                return new Received(id, null);
                              }
                            })
                        .doOnNext(received)
                        .flatMap(
                            delivery ->
                                response.status(delivery.genuine() ? 200 : 401).send().then()))
            .bindNow(Duration.ofSeconds(10));
    return new EventListener(server);
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
