package io.github.openconnectors.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/** The CLI's callback URL answers each delivery by what it is, and never holds a large one. */
class EventListenerTest {

  static final EventSignatureKey KEY = EventSignatureKey.of("listener-key-never-printed");
  static final byte[] EVENT =
      "{\"message\":{\"instanceId\":7,\"events\":[]}}".getBytes(StandardCharsets.UTF_8);

  // The listener may answer 413 and close the connection before the client has sent the rest.
  static final int CLOSED_WHILE_SENDING = -1;

  final BlockingQueue<EventListener.Received> received = new LinkedBlockingQueue<>();
  final HttpClient http = HttpClient.newHttpClient();
  EventListener listener;

  @BeforeEach
  void start() {
    listener = EventListener.start("127.0.0.1", 0, KEY, received::add);
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  @Test
  void aSignedEventIsTakenAndEveryOtherDeliveryRefusedWithItsReason() throws Exception {
    assertThat(
            post(HttpRequest.BodyPublishers.ofByteArray(EVENT), WebhookSignature.sign(KEY, EVENT)))
        .isEqualTo(200);
    assertThat(next().genuine()).isTrue();

    assertThat(post(HttpRequest.BodyPublishers.ofByteArray(EVENT), "sha256=forged")).isEqualTo(401);
    assertThat(next().refusal()).isEqualTo(EventListener.Refusal.SIGNATURE);

    byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
    assertThat(
            post(
                HttpRequest.BodyPublishers.ofByteArray(notJson),
                WebhookSignature.sign(KEY, notJson)))
        .isEqualTo(400);
    assertThat(next().refusal()).isEqualTo(EventListener.Refusal.NOT_JSON);
  }

  @Test
  void aBodyOverOneMebibyteIsRefusedWhetherItsLengthIsDeclaredOrNot() throws Exception {
    byte[] large = new byte[1024 * 1024 + 1];
    Arrays.fill(large, (byte) ' ');

    // Declared: refused before it is read.
    assertThat(
            post(HttpRequest.BodyPublishers.ofByteArray(large), WebhookSignature.sign(KEY, large)))
        .isEqualTo(413);
    assertThat(next().refusal()).isEqualTo(EventListener.Refusal.TOO_LARGE);

    // Chunked, no length: refused once it has come past the bound.
    List<ByteBuffer> chunks =
        Flux.range(0, 65).map(i -> ByteBuffer.wrap(new byte[16 * 1024])).collectList().block();
    HttpRequest.BodyPublisher chunked =
        HttpRequest.BodyPublishers.fromPublisher(
            JdkFlowAdapter.publisherToFlowPublisher(Flux.fromIterable(chunks)));
    assertThat(post(chunked, "sha256=unchecked")).isIn(413, CLOSED_WHILE_SENDING);
    assertThat(next().refusal()).isEqualTo(EventListener.Refusal.TOO_LARGE);
  }

  private int post(HttpRequest.BodyPublisher body, String signature) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(listener.callbackUrl()))
            .timeout(Duration.ofSeconds(20))
            .header(WebhookSignature.ID_HEADER, "delivery-1")
            .header(WebhookSignature.HEADER, signature)
            .POST(body)
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException closedWhileSending) {
      return CLOSED_WHILE_SENDING;
    }
  }

  private EventListener.Received next() throws InterruptedException {
    EventListener.Received delivery = received.poll(20, TimeUnit.SECONDS);
    assertThat(delivery).as("a delivery told").isNotNull();
    return delivery;
  }
}
