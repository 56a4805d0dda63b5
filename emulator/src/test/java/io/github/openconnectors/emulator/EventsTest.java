package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.InstanceToken;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An instance with event notifications on: its connector writes become events, listed. */
class EventsTest {

  static final EmulatedInstance.EventNotifications NOTIFIED =
      new EmulatedInstance.EventNotifications(
          URI.create("http://127.0.0.1:9/events"), EventSignatureKey.of("emulator-event-key"));

  OpenConnectorsEmulator emulator;
  Http http;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instances(0)
            .instance(
                EmulatedInstance.builder(1, InstanceToken.of("one"))
                    .eventNotifications(NOTIFIED)
                    .build())
            .instance(EmulatedInstance.builder(2, InstanceToken.of("two")).build())
            .start();
    http = new Http(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void eachWriteOfANotifiedInstanceIsAnEventAndOtherInstancesHaveNone() {
    Credentials one = emulator.connectorCredentials(1);
    String created =
        Http.json(http.write("POST", "/hubs/crm/contacts", one, "application/json", "{\"a\":1}"))
            .path("id")
            .asString();
    http.write("PATCH", "/hubs/crm/contacts/" + created, one, "application/json", "{\"a\":2}");
    http.write("DELETE", "/hubs/crm/contacts/" + created, one, "application/json", "");
    http.write(
        "POST", "/hubs/crm/contacts", emulator.connectorCredentials(2), "application/json", "{}");
    // A read is no event.
    http.get("/hubs/crm/contacts", one, ApiKind.CONNECTOR);

    JsonNode all = Http.json(platform("/instances/events"));
    assertThat(all.size()).isEqualTo(3);
    List<String> actions = new ArrayList<>();
    for (JsonNode event : all) {
      assertThat(event.path("eventElementInstances").get(0).path("elementInstanceId").asLong())
          .isEqualTo(1);
      assertThat(event.path("status").asString()).isEqualTo("RECEIVED");
      assertThat(event.path("eventDate").asString()).isNotEmpty();
      JsonNode data = Http.JSON.readTree(event.path("providerData").asString());
      assertThat(data.path("objectType").asString()).isEqualTo("contacts");
      assertThat(data.path("objectId").asString()).isEqualTo(created);
      actions.add(data.path("action").asString());
    }
    assertThat(actions).containsExactly("create", "update", "delete");

    assertThat(Http.json(platform("/instances/1/events")).size()).isEqualTo(3);
    assertThat(Http.json(platform("/instances/2/events")).size()).isZero();
    String firstId = all.get(0).path("id").asString();
    assertThat(Http.json(platform("/instances/events/" + firstId)).path("id").asString())
        .isEqualTo(firstId);
    assertThat(platform("/instances/events/999").statusCode()).isEqualTo(404);
    assertThat(platform("/instances/99/events").statusCode()).isEqualTo(404);
  }

  @Test
  void eventsArePagedAsInstancesAre() {
    Credentials one = emulator.connectorCredentials(1);
    for (int i = 0; i < 5; i++) {
      http.write("POST", "/hubs/crm/contacts", one, "application/json", "{}");
    }
    HttpResponse<String> first = platform("/instances/events?pageSize=2");
    assertThat(Http.json(first).size()).isEqualTo(2);
    assertThat(first.headers().firstValue("Elements-Total-Count")).hasValue("5");
    String cursor = first.headers().firstValue("Elements-Next-Page-Token").orElseThrow();
    HttpResponse<String> second =
        platform("/instances/events?pageSize=2&nextPage=" + Http.encode(cursor));
    assertThat(Http.json(second).get(0).path("id").asString()).isEqualTo("3");
  }

  @Test
  void theEventsNeedPlatformCredentials() {
    assertThat(
            http.get(
                    "/instances/events",
                    emulator.connectorCredentials(1).authorizationFor(ApiKind.CONNECTOR).value())
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void theInstanceSaysItsEventsAreOnAndItsKeyNeverPrints() {
    assertThat(Http.json(platform("/instances/1")).path("eventsEnabled").asBoolean()).isTrue();
    assertThat(Http.json(platform("/instances/2")).path("eventsEnabled").asBoolean()).isFalse();
    assertThat(NOTIFIED.toString()).doesNotContain("emulator-event-key");
  }

  HttpResponse<String> platform(String pathAndQuery) {
    return http.get(pathAndQuery, emulator.platformCredentials(), ApiKind.PLATFORM);
  }
}
