package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

@ExtendWith(OpenConnectorsEmulatorExtension.class)
class ConnectorApiTest {

  @Test
  void eachInstanceListsItsOwnRecordsPagedToTheEnd() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder()
            .instance(EmulatedInstance.builder(1, InstanceToken.of("one")).records(450).build())
            .instance(EmulatedInstance.builder(2, InstanceToken.of("two")).records(3).build())
            .start()) {
      List<String> first =
          listAll(emulator, emulator.connectorCredentials(1), "/hubs/crm/accounts");
      List<String> second =
          listAll(emulator, emulator.connectorCredentials(2), "/hubs/crm/accounts");

      assertThat(first)
          .hasSize(450)
          .doesNotHaveDuplicates()
          .allMatch(name -> name.endsWith("of instance 1"));
      assertThat(second)
          .containsExactly(
              "accounts 1 of instance 2", "accounts 2 of instance 2", "accounts 3 of instance 2");
    }
  }

  @Test
  void theHubSegmentIsIgnoredAndTheInstanceIsNamedInAHeader(OpenConnectorsEmulator emulator) {
    long id = addInstance(emulator);
    Http http = new Http(emulator);
    Credentials credentials = emulator.connectorCredentials(id);

    HttpResponse<String> crm =
        http.get("/hubs/crm/contacts?pageSize=5", credentials, ApiKind.CONNECTOR);
    HttpResponse<String> other =
        http.get("/hubs/anything/contacts?pageSize=5", credentials, ApiKind.CONNECTOR);

    assertThat(crm.body()).isEqualTo(other.body());
    assertThat(crm.headers().firstValue("Elements-Element-Instance-Id"))
        .hasValue(Long.toString(id));
    assertThat(Http.json(crm).size()).isEqualTo(5);
  }

  @Test
  void getsOneRecordOr404(OpenConnectorsEmulator emulator) {
    long id = addInstance(emulator);
    Http http = new Http(emulator);
    Credentials credentials = emulator.connectorCredentials(id);

    JsonNode record = Http.json(http.get("/hubs/crm/accounts/7", credentials, ApiKind.CONNECTOR));
    HttpResponse<String> missing =
        http.get("/hubs/crm/accounts/51", credentials, ApiKind.CONNECTOR);

    assertThat(record.path("id").asString()).isEqualTo("7");
    assertThat(record.path("instanceId").asLong()).isEqualTo(id);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Http.json(missing).path("message").asString())
        .isEqualTo("No accounts record with id 51");
  }

  @Test
  void aReissuedTokenReplacesTheOldOne(OpenConnectorsEmulator emulator) {
    long id = addInstance(emulator);
    Http http = new Http(emulator);
    Credentials old = emulator.connectorCredentials(id);

    InstanceToken reissued = emulator.reissueInstanceToken(id);

    assertThat(reissued).isNotEqualTo(old.instanceToken().orElseThrow());
    assertThat(http.get("/hubs/crm/accounts", old, ApiKind.CONNECTOR).statusCode()).isEqualTo(401);
    assertThat(
            http.get("/hubs/crm/accounts", old.withInstanceToken(reissued), ApiKind.CONNECTOR)
                .statusCode())
        .isEqualTo(200);
    JsonNode instance =
        Http.json(http.get("/instances/" + id, emulator.platformCredentials(), ApiKind.PLATFORM));
    assertThat(instance.path("token").asString()).isEqualTo(reissued.reveal());
  }

  @Test
  void aRemovedInstanceIsGoneFromLookupListingAndConnectorApi() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(3).start()) {
      Http http = new Http(emulator);
      long gone = emulator.firstGeneratedId() + 1;
      Credentials token = emulator.connectorCredentials(gone);

      emulator.removeInstance(gone);

      assertThat(
              http.get("/instances/" + gone, emulator.platformCredentials(), ApiKind.PLATFORM)
                  .statusCode())
          .isEqualTo(404);
      assertThat(http.get("/hubs/crm/accounts", token, ApiKind.CONNECTOR).statusCode())
          .isEqualTo(401);
      HttpResponse<String> listing =
          http.get("/instances", emulator.platformCredentials(), ApiKind.PLATFORM);
      List<Long> ids = new ArrayList<>();
      Http.json(listing).forEach(instance -> ids.add(instance.path("id").asLong()));
      assertThat(ids).containsExactly(emulator.firstGeneratedId(), emulator.firstGeneratedId() + 2);
      assertThat(listing.headers().firstValue("Elements-Total-Count")).hasValue("2");
    }
  }

  @Test
  void generatedInstancesAnswerToTheirTokens() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(100).start()) {
      Http http = new Http(emulator);
      long enabled = emulator.firstGeneratedId();
      long disabled = emulator.firstGeneratedId() + (17 - emulator.firstGeneratedId() % 17) % 17;

      assertThat(
              http.get(
                      "/hubs/crm/accounts",
                      emulator.connectorCredentials(enabled),
                      ApiKind.CONNECTOR)
                  .statusCode())
          .isEqualTo(200);
      assertThat(emulator.instance(disabled).orElseThrow().disabled()).isTrue();
      assertThat(
              http.get(
                      "/hubs/crm/accounts",
                      emulator.connectorCredentials(disabled),
                      ApiKind.CONNECTOR)
                  .statusCode())
          .isEqualTo(403);
      emulator.setInstanceDisabled(disabled, false);
      assertThat(
              http.get(
                      "/hubs/crm/accounts",
                      emulator.connectorCredentials(disabled),
                      ApiKind.CONNECTOR)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  private static long nextId = 500;

  private static synchronized long addInstance(OpenConnectorsEmulator emulator) {
    // The shared emulator has no instances of its own: each test works on one it made.
    long id = nextId++;
    emulator.addInstance(EmulatedInstance.builder(id, InstanceToken.of("token-" + id)).build());
    return id;
  }

  static List<String> listAll(
      OpenConnectorsEmulator emulator, Credentials credentials, String path) {
    Http http = new Http(emulator);
    List<String> names = new ArrayList<>();
    String cursor = null;
    do {
      HttpResponse<String> response =
          http.get(
              path + (cursor == null ? "" : "?nextPage=" + Http.encode(cursor)),
              credentials,
              ApiKind.CONNECTOR);
      assertThat(response.statusCode()).isEqualTo(200);
      Http.json(response).forEach(record -> names.add(record.path("name").asString()));
      cursor = response.headers().firstValue("Elements-Next-Page-Token").orElse(null);
    } while (cursor != null);
    return names;
  }
}
