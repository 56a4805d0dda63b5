package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** The receiving endpoint's answers, one outcome at a time. */
class EventReceiverTest {

  static final EventSignatureKey CURRENT = EventSignatureKey.of("current-key-never-printed");
  static final EventSignatureKey PREVIOUS = EventSignatureKey.of("previous-key-never-printed");
  static final byte[] BODY =
      "{\"message\":{\"eventId\":\"1\",\"instanceId\":42,\"events\":[{\"eventType\":\"CREATED\"}]}}"
          .getBytes(StandardCharsets.UTF_8);

  final List<WebhookEvent> handled = new CopyOnWriteArrayList<>();
  final List<String> outcomes = new CopyOnWriteArrayList<>();

  WebTestClient receiving(OpenConnectorsEventHandler handler, int maxInFlight) {
    EventReceiver receiver =
        new EventReceiver(
            "/events",
            List.of(CURRENT, PREVIOUS),
            handler,
            1024,
            maxInFlight,
            100,
            Duration.ofSeconds(7),
            () -> outcomes::add);
    return WebTestClient.bindToRouterFunction(
            RouterFunctions.route(RequestPredicates.POST("/events"), receiver))
        .build();
  }

  WebTestClient collecting() {
    return receiving(event -> Mono.fromRunnable(() -> handled.add(event)), 8);
  }

  static WebTestClient.ResponseSpec post(
      WebTestClient web, String id, EventSignatureKey key, byte[] body) {
    return web.post()
        .uri("/events")
        .header(WebhookSignature.ID_HEADER, id)
        .header(WebhookSignature.HEADER, WebhookSignature.sign(key, body))
        .bodyValue(body)
        .exchange();
  }

  @Test
  void aGenuineDeliveryIsHandedOverOnceUnderEitherKey() {
    WebTestClient web = collecting();
    post(web, "d-1", CURRENT, BODY).expectStatus().isOk();
    post(web, "d-1", CURRENT, BODY).expectStatus().isOk(); // the redelivery
    post(web, "d-2", PREVIOUS, BODY).expectStatus().isOk(); // during a rotation

    assertThat(handled).extracting(WebhookEvent::webhookId).containsExactly("d-1", "d-2");
    WebhookEvent first = handled.get(0);
    assertThat(first.instanceId()).hasValue(42);
    assertThat(first.body()).isEqualTo(BODY);
    assertThat(first.json().path("message").path("eventId").asString()).isEqualTo("1");
    assertThat(first.toString())
        .isEqualTo("WebhookEvent[id=d-1, instanceId=42, " + BODY.length + " bytes]");
    assertThat(outcomes).containsExactly("accepted", "duplicate", "accepted");
  }

  @Test
  void aForgedTamperedOrUnsignedDeliveryIsRefusedWithoutAWord() {
    WebTestClient web = collecting();
    post(web, "d-1", EventSignatureKey.of("someone-elses-key"), BODY)
        .expectStatus()
        .isUnauthorized()
        .expectBody()
        .isEmpty();
    byte[] tampered = BODY.clone();
    tampered[20] ^= 1;
    web.post()
        .uri("/events")
        .header(WebhookSignature.ID_HEADER, "d-2")
        .header(WebhookSignature.HEADER, WebhookSignature.sign(CURRENT, BODY))
        .bodyValue(tampered)
        .exchange()
        .expectStatus()
        .isUnauthorized();
    web.post().uri("/events").bodyValue(BODY).exchange().expectStatus().isUnauthorized();

    assertThat(handled).isEmpty();
    assertThat(outcomes).containsExactly("refused", "refused", "refused");
    // A refused id is not remembered: the genuine delivery of it is still taken.
    post(web, "d-1", CURRENT, BODY).expectStatus().isOk();
    assertThat(handled).hasSize(1);
  }

  @Test
  void aBodyAboveTheLimitIs413() {
    byte[] large = new byte[2048];
    Arrays.fill(large, (byte) ' ');
    post(collecting(), "d-1", CURRENT, large).expectStatus().isEqualTo(413);
    assertThat(outcomes).containsExactly("too-large");
  }

  @Test
  void aSignedBodyThatIsNotJsonIs400() {
    byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
    post(collecting(), "d-1", CURRENT, notJson).expectStatus().isBadRequest();
    assertThat(outcomes).containsExactly("malformed");
  }

  @Test
  void aFailedHandlerIs500AndTheRedeliveryIsHandledAgain() {
    AtomicInteger calls = new AtomicInteger();
    WebTestClient web =
        receiving(
            event ->
                calls.incrementAndGet() == 1
                    ? Mono.error(new IllegalStateException("the database is down"))
                    : Mono.empty(),
            8);
    post(web, "d-1", CURRENT, BODY).expectStatus().isEqualTo(500);
    post(web, "d-1", CURRENT, BODY).expectStatus().isOk();
    assertThat(calls).hasValue(2);
    assertThat(outcomes).containsExactly("failed", "accepted");
  }

  @Test
  void anApplicationThatFallsBehindGets503AndTheServiceComesBackLater() {
    Sinks.Empty<Void> release = Sinks.empty();
    AtomicInteger entered = new AtomicInteger();
    WebTestClient web =
        receiving(
            event ->
                Mono.defer(
                    () -> {
                      entered.incrementAndGet();
                      return release.asMono();
                    }),
            1);
    // The first delivery stays in hand until released; its answer is awaited on another thread.
    Mono<Integer> first =
        Mono.fromCallable(
                () -> post(web, "d-1", CURRENT, BODY).returnResult(Void.class).getStatus().value())
            .subscribeOn(Schedulers.boundedElastic())
            .cache();
    first.subscribe();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (entered.get() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(entered).hasValue(1);

    post(web, "d-2", CURRENT, BODY)
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "7");
    // The same id again while the first is still in hand: not taken as done either.
    post(web, "d-1", CURRENT, BODY).expectStatus().isEqualTo(503);
    release.tryEmitEmpty();
    assertThat(first.block(Duration.ofSeconds(10))).isEqualTo(200);
    assertThat(outcomes).containsExactly("busy", "busy", "accepted");
    // Released: the next one is taken.
    post(web, "d-2", CURRENT, BODY).expectStatus().isOk();
  }
}
