package io.github.openconnectors.emulator;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * POSTs each event of an instance with notifications on to its callback URL, signed as the service
 * signs ({@link WebhookSignature}), in the payload's shape the service's event guide shows. A
 * delivery that fails (no connection, or an answer that is not 2xx) is tried again up to {@value
 * #RETRIES} times, {@code 100 ms}, {@code 200 ms} and {@code 400 ms} after, with the same {@code
 * Elements-Webhook-Id}; an answered one marks the event {@code NOTIFIED}. Deliveries do not hold up
 * the write that made the event.
 */
final class EventDeliveries {

  static final int RETRIES = 3;

  private static final Duration FIRST_RETRY = Duration.ofMillis(100);
  private static final EventSignatureKey WRONG_KEY = EventSignatureKey.of("not-the-instance-key");

  private final ConnectionProvider pool = ConnectionProvider.create("emulator-deliveries", 16);
  private final HttpClient http = HttpClient.create(pool).responseTimeout(Duration.ofSeconds(5));
  private final EventLog events;
  private final long run;
  private final Queue<Delivery> made = new ConcurrentLinkedQueue<>();
  private final Queue<DeliveryFault> faults = new ConcurrentLinkedQueue<>();

  EventDeliveries(EventLog events) {
    this.events = events;
    this.run = ThreadLocalRandom.current().nextLong();
  }

  void inject(DeliveryFault fault) {
    faults.add(fault);
  }

  List<Delivery> made() {
    return List.copyOf(made);
  }

  /** Delivers the event, in the background. */
  void deliver(EmulatedInstance instance, EventLog.Event event, Map<String, Object> change) {
    EmulatedInstance.EventNotifications notifications = instance.eventNotifications().orElseThrow();
    byte[] body = Json.notification(instance, event, change);
    // Unique to this run too: a receiver that outlives an emulator must not take a later run's
    // events for redeliveries.
    String webhookId = new UUID(run, event.id()).toString();
    @Nullable DeliveryFault fault = faults.poll();
    EventSignatureKey key =
        fault == DeliveryFault.WRONG_SIGNATURE ? WRONG_KEY : notifications.signatureKey();
    String signature = WebhookSignature.sign(key, body);
    byte[] sent = body;
    if (fault == DeliveryFault.TAMPERED_BODY) {
      sent = body.clone();
      // The case of one letter of a value: the body stays JSON, so that a receiver that parses
      // before it verifies would take it.
      String marker = "\"objectType\":\"";
      int at = new String(sent, StandardCharsets.UTF_8).indexOf(marker) + marker.length();
      sent[at] ^= 0x20;
    }
    int times = fault == DeliveryFault.REDELIVERED ? 2 : 1;
    Mono<Void> deliveries = Mono.empty();
    for (int i = 0; i < times; i++) {
      deliveries =
          deliveries.then(attempts(notifications, instance, event, webhookId, signature, sent));
    }
    deliveries.subscribe(done -> {}, failed -> {});
  }

  private Mono<Void> attempts(
      EmulatedInstance.EventNotifications notifications,
      EmulatedInstance instance,
      EventLog.Event event,
      String webhookId,
      String signature,
      byte[] body) {
    int[] attempt = {0};
    return Mono.defer(
            () -> {
              attempt[0]++;
              return http.headers(
                      headers ->
                          headers
                              .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                              .set(WebhookSignature.ID_HEADER, webhookId)
                              .set(WebhookSignature.HEADER, signature))
                  .post()
                  .uri(notifications.callbackUrl())
                  .send(ByteBufFlux.fromInbound(Mono.just(body)))
                  .responseSingle((response, ignored) -> Mono.just(response.status().code()))
                  .onErrorResume(failure -> Mono.just(0))
                  .flatMap(
                      status -> {
                        made.add(
                            new Delivery(
                                webhookId,
                                Long.toString(event.id()),
                                instance.id(),
                                attempt[0],
                                status));
                        if (status >= 200 && status < 300) {
                          events.notified(event.id());
                          return Mono.<Void>empty();
                        }
                        return Mono.error(new IllegalStateException("not delivered: " + status));
                      });
            })
        .retryWhen(Retry.backoff(RETRIES, FIRST_RETRY).maxBackoff(Duration.ofMillis(400)).jitter(0))
        .onErrorResume(gaveUp -> Mono.empty());
  }

  void close() {
    pool.disposeLater().block(Duration.ofSeconds(5));
  }
}
