package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.Delivery;
import io.github.openconnectors.emulator.DeliveryFault;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;

/**
 * End to end: a connector write through the emulator becomes a signed POST to the application's
 * receiving endpoint, verified and handed to its handler exactly once, redeliveries and forgeries
 * included.
 */
@SpringBootTest(
    classes = {StarterApplication.class, EventsEndToEndTest.Handler.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "openconnectors.events.path=/openconnectors/events",
      "openconnectors.events.signature-key=" + EventsEndToEndTest.KEY
    })
class EventsEndToEndTest {

  static final String KEY = "end-to-end-event-key";
  static final long INSTANCE = 500;

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

  @DynamicPropertySource
  static void openConnectors(DynamicPropertyRegistry registry) {
    EMULATOR.properties(registry::add);
  }

  /** The application's handler: it keeps what it is given. */
  @TestConfiguration
  static class Handler {
    final List<WebhookEvent> taken = new CopyOnWriteArrayList<>();

    @Bean
    OpenConnectorsEventHandler events() {
      return event -> Mono.fromRunnable(() -> taken.add(event));
    }
  }

  @LocalServerPort int port;
  @Autowired OpenConnectorsClient client;
  @Autowired Handler handler;
  @Autowired MeterRegistry meters;
  OpenConnectorsEmulator emulator;

  @BeforeEach
  void notifyThisApplication() {
    emulator = EMULATOR.emulator();
    emulator.addInstance(
        EmulatedInstance.builder(INSTANCE, InstanceToken.of("end-to-end-token"))
            .eventNotifications(
                new EmulatedInstance.EventNotifications(
                    URI.create("http://127.0.0.1:" + port + "/openconnectors/events"),
                    EventSignatureKey.of(KEY)))
            .build());
  }

  String create() {
    return client
        .connector(INSTANCE)
        .create("crm/contacts", Map.of("name", "Ada"))
        .block(Duration.ofSeconds(20))
        .path("id")
        .asString();
  }

  @Test
  void aWriteArrivesVerifiedOnceRedeliveriesAndForgeriesIncluded() {
    String id = create();
    await(() -> handler.taken.size() == 1);
    WebhookEvent event = handler.taken.get(0);
    assertThat(event.instanceId()).hasValue(INSTANCE);
    assertThat(event.json().path("message").path("events").get(0).path("objectId").asString())
        .isEqualTo(id);

    // Sent twice with the same id: handed over once, both answered 200.
    emulator.injectDeliveryFault(DeliveryFault.REDELIVERED);
    create();
    await(() -> okDeliveries() == 3);
    assertThat(handler.taken).hasSize(2);
    assertThat(
            meters
                .get("openconnectors.events.received")
                .tag("outcome", "duplicate")
                .timer()
                .count())
        .isEqualTo(1);

    // Tampered and forged deliveries: 401 to each attempt, nothing handed over.
    emulator.injectDeliveryFault(DeliveryFault.TAMPERED_BODY);
    create();
    emulator.injectDeliveryFault(DeliveryFault.WRONG_SIGNATURE);
    create();
    await(() -> deliveries(401) == 8); // two deliveries, each tried four times
    assertThat(handler.taken).hasSize(2);
    // Observed as the client's requests are: a timer per outcome.
    assertThat(
            meters.get("openconnectors.events.received").tag("outcome", "refused").timer().count())
        .isEqualTo(8);

    // The events API knows them all: the answered ones as NOTIFIED.
    assertThat(
            client
                .events(INSTANCE)
                .map(e -> e.status())
                .collectList()
                .block(Duration.ofSeconds(20)))
        .containsExactly("NOTIFIED", "NOTIFIED", "RECEIVED", "RECEIVED");
  }

  long okDeliveries() {
    return deliveries(200);
  }

  long deliveries(int status) {
    return emulator.deliveries().stream()
        .filter(delivery -> delivery.instanceId() == INSTANCE)
        .map(Delivery::status)
        .filter(answered -> answered == status)
        .count();
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s");
      }
      Mono.delay(Duration.ofMillis(10)).block();
    }
  }
}
