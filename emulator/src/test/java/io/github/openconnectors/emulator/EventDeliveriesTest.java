package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.WebhookSignature;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;

/** The emulator POSTs each event to the instance's callback URL, signed, retried, faulted. */
class EventDeliveriesTest {

  static final EventSignatureKey KEY = EventSignatureKey.of("delivery-test-key");

  /** One POST the callback received. */
  record Received(String webhookId, String signature, byte[] body) {
    boolean genuine() {
      return WebhookSignature.verify(KEY, body, signature);
    }

    JsonNode json() {
      return Http.JSON.readTree(body);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  // How many of the next POSTs the callback refuses with a 500.
  final AtomicInteger refuse = new AtomicInteger();
  DisposableServer callback;
  OpenConnectorsEmulator emulator;

  void start(URI callbackUrl) {
    emulator =
        OpenConnectorsEmulator.builder()
            .instances(0)
            .instance(
                EmulatedInstance.builder(1, InstanceToken.of("one"))
                    .name("CRM")
                    .tags("prod")
                    .eventNotifications(new EmulatedInstance.EventNotifications(callbackUrl, KEY))
                    .build())
            .start();
  }

  void startWithCallback() {
    callback =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route(
                routes ->
                    routes.post(
                        "/events",
                        (request, response) ->
                            request
                                .receive()
                                .aggregate()
                                .asByteArray()
                                .flatMap(
                                    body -> {
                                      received.add(
                                          new Received(
                                              request
                                                  .requestHeaders()
                                                  .get(WebhookSignature.ID_HEADER),
                                              request.requestHeaders().get(WebhookSignature.HEADER),
                                              body));
                                      int status =
                                          refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                                              ? 500
                                              : 200;
                                      return response.status(status).send().then();
                                    })))
            .bindNow();
    start(URI.create("http://127.0.0.1:" + callback.port() + "/events"));
  }

  @AfterEach
  void stop() {
    if (emulator != null) {
      emulator.close();
    }
    if (callback != null) {
      callback.disposeNow();
    }
  }

  String write() {
    Credentials one = emulator.connectorCredentials(1);
    return Http.json(
            new Http(emulator).write("POST", "/hubs/crm/contacts", one, "application/json", "{}"))
        .path("id")
        .asString();
  }

  @Test
  void aWriteArrivesAsASignedEventInTheServicesShapeAndTheEventIsNotified() {
    startWithCallback();
    String id = write();
    await(() -> received.size() == 1);

    Received delivery = received.get(0);
    assertThat(delivery.genuine()).isTrue();
    assertThat(delivery.signature()).startsWith("sha256=");
    assertThat(delivery.webhookId()).isNotEmpty();
    JsonNode message = delivery.json().path("message");
    assertThat(message.path("instanceId").asLong()).isEqualTo(1);
    assertThat(message.path("instanceName").asString()).isEqualTo("CRM");
    assertThat(message.path("instance_tags").get(0).asString()).isEqualTo("prod");
    JsonNode change = message.path("events").get(0);
    assertThat(change.path("eventType").asString()).isEqualTo("CREATED");
    assertThat(change.path("objectType").asString()).isEqualTo("contacts");
    assertThat(change.path("objectId").asString()).isEqualTo(id);

    await(() -> status(message.path("eventId").asString()).equals("NOTIFIED"));
    await(() -> emulator.deliveries().size() == 1);
    assertThat(emulator.deliveries())
        .singleElement()
        .satisfies(
            made -> {
              assertThat(made.webhookId()).isEqualTo(delivery.webhookId());
              assertThat(made.attempt()).isEqualTo(1);
              assertThat(made.status()).isEqualTo(200);
            });
  }

  @Test
  void aFailedDeliveryIsTriedAgainWithTheSameId() {
    startWithCallback();
    refuse.set(2);
    write();
    // The callback has answered a POST before the emulator has recorded its answer.
    await(() -> emulator.deliveries().size() == 3);
    assertThat(received).extracting(Received::webhookId).containsOnly(received.get(0).webhookId());
    assertThat(emulator.deliveries()).extracting(Delivery::status).containsExactly(500, 500, 200);
    assertThat(emulator.deliveries()).extracting(Delivery::attempt).containsExactly(1, 2, 3);
  }

  @Test
  void anUnreachableCallbackIsTriedFourTimesThenLeft() throws Exception {
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    start(URI.create("http://127.0.0.1:" + closed + "/events"));
    String event = eventOf(write());
    await(() -> emulator.deliveries().size() == 1 + EventDeliveries.RETRIES);
    assertThat(emulator.deliveries()).extracting(Delivery::status).containsOnly(0);
    assertThat(status(event)).isEqualTo("RECEIVED");
  }

  @Test
  void faultsForAReceiversTests() {
    startWithCallback();
    emulator.injectDeliveryFault(DeliveryFault.WRONG_SIGNATURE);
    write();
    await(() -> received.size() == 1);
    assertThat(received.get(0).genuine()).isFalse();

    emulator.injectDeliveryFault(DeliveryFault.TAMPERED_BODY);
    write();
    await(() -> received.size() == 2);
    assertThat(received.get(1).genuine()).isFalse();
    // Still JSON: only a receiver that verifies first refuses it.
    assertThat(received.get(1).json().path("message").isObject()).isTrue();

    emulator.injectDeliveryFault(DeliveryFault.REDELIVERED);
    write();
    await(() -> received.size() == 4);
    assertThat(received.get(2).webhookId()).isEqualTo(received.get(3).webhookId());
    assertThat(received.get(2).body()).isEqualTo(received.get(3).body());
    assertThat(received.get(2).genuine()).isTrue();
    assertThat(new String(received.get(2).body(), StandardCharsets.UTF_8)).contains("\"CREATED\"");
  }

  String eventOf(String recordId) {
    JsonNode events = platform("/instances/1/events");
    for (JsonNode event : events) {
      if (event.path("providerData").asString().contains("\"" + recordId + "\"")) {
        return event.path("id").asString();
      }
    }
    throw new AssertionError("no event of record " + recordId);
  }

  String status(String eventId) {
    return platform("/instances/events/" + eventId).path("status").asString();
  }

  JsonNode platform(String path) {
    return Http.json(
        new Http(emulator).get(path, emulator.platformCredentials(), ApiKind.PLATFORM));
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s");
      }
      Mono.delay(Duration.ofMillis(10)).block();
    }
  }
}
