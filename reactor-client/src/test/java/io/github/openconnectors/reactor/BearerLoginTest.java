package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.requests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class BearerLoginTest {

  OpenConnectorsEmulator emulator;
  long id;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instances(5)
            .account("ops@example.com", "pass word, with comma")
            .start();
    id = emulator.firstGeneratedId();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  OpenConnectorsClient client(String password) {
    return OpenConnectorsClient.builder()
        .baseUrl(emulator.baseUrl())
        .bearerLogin("ops@example.com", password)
        .retry(RetryPolicy.none())
        .build();
  }

  @Test
  void logsInOnceAndSendsTheBearerTokenAlone() {
    try (OpenConnectorsClient client = client("pass word, with comma")) {
      StepVerifier.create(client.instances().count()).expectNext(5L).verifyComplete();
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();

      assertThat(requests(emulator, "/authentication")).hasSize(1);
      assertThat(requests(emulator, "/instances/" + id).get(0).credentialParts())
          .containsExactly(CredentialPart.BEARER);
    }
  }

  @Test
  void anExpiredTokenIsReplacedByOneNewLogInForAThousandConcurrentRequests() {
    try (OpenConnectorsClient client = client("pass word, with comma")) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
      emulator.expireBearerTokens();

      StepVerifier.create(Flux.range(0, 1000).flatMap(i -> client.instance(id), 1000).count())
          .expectNext(1000L)
          .verifyComplete();

      assertThat(requests(emulator, "/authentication"))
          .as("the first log-in and one more")
          .hasSize(2);
    }
  }

  @Test
  void tokensLivingOneMinuteAreNotFetchedAgainOnEveryCall() {
    try (OpenConnectorsEmulator shortLived =
            OpenConnectorsEmulator.builder()
                .instances(5)
                .account("ops@example.com", "pw")
                .bearerTokenLifetime(Duration.ofMinutes(1))
                .start();
        OpenConnectorsClient client =
            OpenConnectorsClient.builder()
                .baseUrl(shortLived.baseUrl())
                .bearerLogin("ops@example.com", "pw")
                .build()) {
      long first = shortLived.firstGeneratedId();
      StepVerifier.create(Flux.range(0, 20).concatMap(i -> client.instance(first)).count())
          .expectNext(20L)
          .verifyComplete();

      assertThat(requests(shortLived, "/authentication")).hasSize(1);
    }
  }

  @Test
  void theLogInsCacheWindowsAreSettable() {
    try (OpenConnectorsClient client =
        OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())
            .bearerLogin(
                "ops@example.com",
                "pass word, with comma",
                // Every token taken as already expired: each call waits for a new log-in.
                cache -> cache.expiry(credentials -> Optional.of(Instant.EPOCH)))
            .build()) {
      StepVerifier.create(Flux.range(0, 3).concatMap(i -> client.instance(id)).count())
          .expectNext(3L)
          .verifyComplete();

      assertThat(requests(emulator, "/authentication")).hasSize(3);
    }
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureThatNeverShowsIt() {
    try (OpenConnectorsClient client = client("not the password")) {
      StepVerifier.create(client.instance(id))
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(AuthenticationException.class)
                      .hasMessageStartingWith(
                          "POST "
                              + emulator.baseUrl()
                              + "/authentication: 401 Unauthorized: Invalid username or password")
                      .hasMessageNotContaining("not the password"))
          .verify(Duration.ofSeconds(10));
      assertThat(requests(emulator, "/authentication"))
          .extracting(RecordedRequest::status)
          .containsExactly(401);
    }
  }
}
