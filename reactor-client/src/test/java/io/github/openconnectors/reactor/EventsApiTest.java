package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.awaitPoolIdle;
import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The events API against the emulator: every connector write of a notified instance, listed. */
class EventsApiTest {

  static final Duration WAIT = Duration.ofSeconds(20);
  static final long NOTIFIED = 42;
  static final long QUIET = 7;

  OpenConnectorsEmulator emulator;
  OpenConnectorsClient client;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instances(0)
            .instance(
                EmulatedInstance.builder(NOTIFIED, InstanceToken.of("token-42"))
                    .eventNotifications(
                        new EmulatedInstance.EventNotifications(
                            URI.create("http://127.0.0.1:9/events"),
                            EventSignatureKey.of("event-key-never-printed")))
                    .build())
            .instance(EmulatedInstance.builder(QUIET, InstanceToken.of("token-7")).build())
            .start();
    client = client(emulator, builder -> builder.pageSize(2)); // several pages from a few events
  }

  @AfterEach
  void stop() {
    awaitPoolIdle(client);
    client.close();
    emulator.close();
  }

  @Test
  void eachWriteOfANotifiedInstanceIsAnEventPagedOnDemand() {
    ConnectorClient crm = client.connector(NOTIFIED);
    String id = crm.create("crm/contacts", Map.of("name", "Ada")).block(WAIT).path("id").asString();
    crm.update("crm/contacts/" + id, Map.of("name", "Ada L.")).block(WAIT);
    crm.delete("crm/contacts/" + id).block(WAIT);
    client.connector(QUIET).create("crm/contacts", Map.of("name", "Bob")).block(WAIT);

    emulator.clearJournal();
    // Demand of one asks for the first page only.
    StepVerifier.create(client.events(), 1)
        .assertNext(
            event -> {
              assertThat(event.instanceId()).hasValue(NOTIFIED);
              assertThat(event.status()).isEqualTo("RECEIVED");
              assertThat(event.eventDate()).isPresent();
              assertThat(action(event)).isEqualTo("create");
            })
        .thenCancel()
        .verify(WAIT);
    assertThat(emulator.journal()).hasSize(1);

    List<Event> all = client.events().collectList().block(WAIT);
    assertThat(all).extracting(EventsApiTest::action).containsExactly("create", "update", "delete");
    assertThat(client.events(NOTIFIED).map(Event::id).collectList().block(WAIT))
        .isEqualTo(all.stream().map(Event::id).toList());
    assertThat(client.events(QUIET).count().block(WAIT)).isZero();

    Event first = client.event(all.get(0).id()).block(WAIT);
    assertThat(first.id()).isEqualTo(all.get(0).id());
    assertThat(first.providerData()).isEqualTo(all.get(0).providerData());
  }

  @Test
  void anUnknownEventOrInstanceIsNotFoundAndABadIdIsRefusedBeforeAnyRequest() {
    StepVerifier.create(client.event("999")).expectError(NotFoundException.class).verify(WAIT);
    StepVerifier.create(client.events(99)).expectError(NotFoundException.class).verify(WAIT);
    emulator.clearJournal();
    for (String bad : List.of("", "a/b", "..", "a b", "%2e")) {
      assertThatIllegalArgumentException().isThrownBy(() -> client.event(bad));
    }
    assertThat(emulator.journal()).isEmpty();
  }

  @Test
  void anEventPrintsNoPayload() {
    ConnectorClient crm = client.connector(NOTIFIED);
    crm.create("crm/contacts", Map.of("name", "Private Person")).block(WAIT);
    Event event = client.events().blockFirst(WAIT);
    assertThat(event.providerData()).isPresent();
    assertThat(event.toString())
        .startsWith("Event[id=" + event.id() + ", instanceId=42, status=RECEIVED, eventDate=")
        .doesNotContain("objectType")
        .doesNotContain("contacts");
  }

  @Test
  void theServicesOtherShapesAreRead() {
    JsonMapper json = JsonMapper.builder().build();
    Event numeric =
        EventReader.read(
            json.readTree(
                "{\"id\":17,\"eventDate\":1764756930000,\"status\":\"NOTIFIED\","
                    + "\"providerData\":{\"objects\":[]},\"notifiedData\":[]}"));
    assertThat(numeric.id()).isEqualTo("17");
    assertThat(numeric.instanceId()).isEmpty();
    assertThat(numeric.eventDate())
        .hasValueSatisfying(at -> assertThat(at.toEpochMilli()).isEqualTo(1764756930000L));
    assertThat(numeric.providerData()).hasValue("{\"objects\":[]}");
    Event flat =
        EventReader.read(
            json.readTree("{\"id\":\"9\",\"status\":\"NEW\",\"elementInstanceId\":42}"));
    assertThat(flat.instanceId()).hasValue(42);

    Flux<String> refusals =
        Flux.just(
                "{\"status\":\"NEW\"}",
                "{\"id\":\"1\"}",
                "{\"id\":\"1\",\"status\":\"NEW\",\"eventDate\":\"yesterday\"}",
                "[]")
            .map(
                text -> {
                  try {
                    EventReader.read(json.readTree(text));
                    return "read";
                  } catch (JsonItemDecoder.BodyException refused) {
                    return refused.getMessage();
                  }
                });
    assertThat(refusals.collectList().block(WAIT))
        .containsExactly(
            "an event has no id (field id)",
            "an event has no status (field status)",
            "an event's eventDate is neither ISO-8601 nor milliseconds (field eventDate)",
            "an event is not a JSON object");
  }

  static String action(Event event) {
    JsonNode data = JsonMapper.builder().build().readTree(event.providerData().orElseThrow());
    return data.path("action").asString();
  }
}
