package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.UserSecret;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LogInAndRotationTest {

  static final String LOG_IN =
      "{\"username\": \"demo@example.com\", \"password\": \"demo-password\"}";

  @Test
  void logsInWithAJwtWhoseExpiryIsTheTokenLifetime() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder()
            .clock(clock)
            .bearerTokenLifetime(Duration.ofMinutes(5))
            .start()) {
      Http http = new Http(emulator);

      HttpResponse<String> response = http.post("/authentication", LOG_IN);

      assertThat(response.statusCode()).isEqualTo(200);
      String token = Http.json(response).path("token").asString();
      String[] jwt = token.split("\\.");
      assertThat(jwt).hasSize(3);
      JsonNode claims =
          Http.JSON.readTree(
              new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
      assertThat(claims.path("exp").asLong())
          .isEqualTo(Instant.parse("2026-01-01T00:05:00Z").getEpochSecond());
      assertThat(claims.path("sub").asString()).isEqualTo("demo@example.com");

      Credentials bearer = Credentials.bearer(BearerToken.of(token));
      assertThat(http.get("/instances", bearer, ApiKind.PLATFORM).statusCode()).isEqualTo(200);
      clock.advance(Duration.ofMinutes(5));
      assertThat(http.get("/instances", bearer, ApiKind.PLATFORM).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void refusesWrongPasswordsAndMalformedBodies() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().account("ops", "s3cret").start()) {
      Http http = new Http(emulator);

      assertThat(
              http.post("/authentication", "{\"username\": \"ops\", \"password\": \"s3cret\"}")
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> wrong =
          http.post("/authentication", "{\"username\": \"ops\", \"password\": \"nope\"}");
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(Http.json(wrong).path("message").asString())
          .isEqualTo("Invalid username or password");
      assertThat(http.post("/authentication", LOG_IN).statusCode())
          .as("only the configured account")
          .isEqualTo(401);
      assertThat(http.post("/authentication", "{\"username\": \"ops\"").statusCode())
          .isEqualTo(400);
      assertThat(
              Http.json(http.post("/authentication", "{\"username\": \"ops\"}"))
                  .path("message")
                  .asString())
          .isEqualTo("The body must hold a username and a password");
    }
  }

  @Test
  void aBearerTokenFetchesTheSecrets() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      Http http = new Http(emulator);
      String token = Http.json(http.post("/authentication", LOG_IN)).path("token").asString();

      JsonNode secrets = Http.json(http.get("/authentication/secrets", "Bearer " + token));

      assertThat(secrets.path("userSecret").asString()).isEqualTo(emulator.userSecret().reveal());
      assertThat(secrets.path("organizationSecret").asString())
          .isEqualTo(emulator.organizationSecret().reveal());
      assertThat(
              http.get("/authentication/secrets", emulator.platformCredentials(), ApiKind.PLATFORM)
                  .statusCode())
          .isEqualTo(401);
    }
  }

  @Test
  void expiringBearerTokensRefusesEveryIssuedOne() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      Http http = new Http(emulator);
      String token = Http.json(http.post("/authentication", LOG_IN)).path("token").asString();

      emulator.expireBearerTokens();

      assertThat(http.get("/instances", "Bearer " + token).statusCode()).isEqualTo(401);
      String fresh = Http.json(http.post("/authentication", LOG_IN)).path("token").asString();
      assertThat(http.get("/instances", "Bearer " + fresh).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void resettingTheUserSecretRefusesTheOldOneAtOnce() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      Http http = new Http(emulator);
      Credentials old = emulator.platformCredentials();

      HttpResponse<String> reset =
          http.post(
              "/authentication/user-secret-reset",
              old.authorizationFor(ApiKind.PLATFORM).value(),
              "");

      assertThat(reset.statusCode()).isEqualTo(200);
      UserSecret fresh = UserSecret.of(Http.json(reset).path("userSecret").asString());
      assertThat(fresh)
          .isEqualTo(emulator.userSecret())
          .isNotEqualTo(old.userSecret().orElseThrow());
      assertThat(http.get("/instances", old, ApiKind.PLATFORM).statusCode()).isEqualTo(401);
      assertThat(http.get("/instances", old.withUserSecret(fresh), ApiKind.PLATFORM).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void rotatingFromATestRefusesTheOldSecret() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      Http http = new Http(emulator);
      Credentials old = emulator.platformCredentials();

      UserSecret rotated = emulator.rotateUserSecret();

      assertThat(http.get("/organizations/me", old, ApiKind.PLATFORM).statusCode()).isEqualTo(401);
      assertThat(
              http.get("/organizations/me", old.withUserSecret(rotated), ApiKind.PLATFORM)
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void theOrganizationCarriesItsSecret() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      JsonNode organization =
          Http.json(
              new Http(emulator)
                  .get("/organizations/me", emulator.platformCredentials(), ApiKind.PLATFORM));

      assertThat(organization.path("secret").asString())
          .isEqualTo(emulator.organizationSecret().reveal());
      assertThat(organization.path("name").asString()).isEqualTo("Emulated Organization");
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
      now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
