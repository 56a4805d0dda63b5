package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class AuthenticationRulesTest {

  static final String USER = "sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii";
  static final String ORGANIZATION = "58168435e3b9959a929eb04b6218b9a2";
  static final String TOKEN = "yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3";
  static final String INVALID =
      "Invalid Organization or User secret, or invalid Element token provided.";

  static OpenConnectorsEmulator emulator;
  static Http http;

  @BeforeAll
  static void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .userSecret(UserSecret.of(USER))
            .organizationSecret(OrganizationSecret.of(ORGANIZATION))
            .instance(EmulatedInstance.builder(1234, InstanceToken.of(TOKEN)).build())
            .instance(
                EmulatedInstance.builder(99, InstanceToken.of("disabled-token"))
                    .disabled(true)
                    .build())
            .instances(3)
            .start();
    http = new Http(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void theHelpPagesOwnHeaderWorksUnchanged() {
    String helpPage = "User " + USER + ", Organization " + ORGANIZATION + ", Token " + TOKEN;

    assertThat(http.get("/instances", helpPage).statusCode()).isEqualTo(200);
    assertThat(http.get("/hubs/crm/accounts", helpPage).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "part order {index}")
  @ValueSource(
      strings = {
        "User " + USER + ", Organization " + ORGANIZATION,
        "Organization " + ORGANIZATION + ", User " + USER,
        "organization " + ORGANIZATION + ",user " + USER,
      })
  void platformRequestsAcceptAnyPartOrder(String header) {
    assertThat(http.get("/instances/1234", header).statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Element", "Token", "element"})
  void connectorRequestsAcceptElementAndTokenInAnyOrder(String keyword) {
    assertThat(
            http.get("/hubs/crm/contacts", "User " + USER + ", " + keyword + " " + TOKEN)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.get("/hubs/crm/contacts", keyword + " " + TOKEN + ", User " + USER).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aMissingHeaderGets401WithTheServiceErrorBody() {
    HttpResponse<String> response = http.getWithoutAuthorization("/instances");

    assertUnauthorized(response, "An Authorization header is required");
  }

  @Test
  void aMalformedHeaderGets401SayingWhyWithoutTheSecret() {
    HttpResponse<String> response = http.get("/instances", "User " + USER + ", Organization");

    assertUnauthorized(
        response,
        "Malformed Authorization header: Authorization header part 2 (Organization) has no organization secret");
    assertThat(response.body()).doesNotContain(USER);
  }

  @Test
  void wrongSecretsGet401() {
    assertUnauthorized(http.get("/instances", "User wrong, Organization " + ORGANIZATION), INVALID);
    assertUnauthorized(http.get("/instances", "User " + USER + ", Organization wrong"), INVALID);
    assertUnauthorized(http.get("/hubs/crm/accounts", "User wrong, Element " + TOKEN), INVALID);
    assertUnauthorized(
        http.get("/hubs/crm/accounts", "User " + USER + ", Element unknown"), INVALID);
  }

  @Test
  void eachKindNeedsItsOwnParts() {
    Credentials connector = Credentials.connector(UserSecret.of(USER), InstanceToken.of(TOKEN));
    Credentials platform = emulator.platformCredentials();

    assertUnauthorized(http.get("/instances", connector, ApiKind.CONNECTOR), INVALID);
    assertUnauthorized(http.get("/hubs/crm/accounts", platform, ApiKind.PLATFORM), INVALID);
    assertUnauthorized(http.get("/instances", "Element " + TOKEN), INVALID);
  }

  @Test
  void aDisabledInstanceGets403() {
    HttpResponse<String> response =
        http.get("/hubs/crm/accounts", "User " + USER + ", Element disabled-token");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(Http.json(response).path("message").asString()).isEqualTo("Instance 99 is disabled");
  }

  @Test
  void unknownPathsGet404AndWrongMethods405() {
    String header = "User " + USER + ", Organization " + ORGANIZATION;

    assertThat(http.get("/nothing-here", header).statusCode()).isEqualTo(404);
    assertThat(http.get("/instances/1234/configuration/extra", header).statusCode()).isEqualTo(404);
    HttpResponse<String> post = http.post("/instances", header, "{}");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(Http.json(post).path("message").asString()).isEqualTo("Method not allowed: use GET");
    assertThat(post.headers().firstValue("Elements-Request-Id")).isPresent();
  }

  static void assertUnauthorized(HttpResponse<String> response, String message) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = Http.json(response);
    assertThat(body.path("message").asString()).isEqualTo(message);
    assertThat(body.path("requestId").asString())
        .isNotEmpty()
        .isEqualTo(response.headers().firstValue("Elements-Request-Id").orElseThrow());
  }
}
