package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.client;
import static io.github.openconnectors.reactor.ClientTests.requests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ErrorsAndRetriesTest {

  OpenConnectorsEmulator emulator;
  long id;

  @BeforeEach
  void start() {
    emulator = OpenConnectorsEmulator.builder().instances(5).start();
    id = emulator.firstGeneratedId();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void looksUpOneInstance() {
    try (OpenConnectorsClient client = client(emulator)) {
      StepVerifier.create(client.instance(id))
          .assertNext(
              instance -> {
                assertThat(instance.id()).isEqualTo(id);
                assertThat(instance.token()).contains(emulator.instanceToken(id));
                assertThat(instance.element()).isPresent();
                assertThat(instance.createdDate()).isPresent();
                assertThat(instance.updatedDate()).isPresent();
              })
          .verifyComplete();
      RecordedRequest sent = requests(emulator, "/instances/" + id).get(0);
      assertThat(sent.credentialParts())
          .containsExactly(CredentialPart.USER, CredentialPart.ORGANIZATION);
    }
  }

  @Test
  void sendsOnlyThePartsAPlatformRequestNeeds() {
    Credentials all =
        emulator.connectorCredentials(id).withOrganizationSecret(emulator.organizationSecret());
    try (OpenConnectorsClient client = client(emulator, b -> b.credentials(all))) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();

      assertThat(requests(emulator, "/instances/" + id).get(0).credentialParts())
          .containsExactly(CredentialPart.USER, CredentialPart.ORGANIZATION);
    }
  }

  @Test
  void aMissingInstanceIsNotFound() {
    try (OpenConnectorsClient client = client(emulator)) {
      StepVerifier.create(client.instance(42))
          .expectErrorSatisfies(
              error -> {
                assertThat(error).isInstanceOf(NotFoundException.class);
                NotFoundException notFound = (NotFoundException) error;
                assertThat(notFound.status()).isEqualTo(404);
                assertThat(notFound.method()).isEqualTo("GET");
                assertThat(notFound.path()).isEqualTo("/instances/42");
                assertThat(notFound.serviceMessage()).hasValue("No instance found with id 42");
                assertThat(notFound.requestId())
                    .hasValueSatisfying(id -> assertThat(id).isNotBlank());
                assertThat(notFound)
                    .hasMessage(
                        "GET "
                            + emulator.baseUrl()
                            + "/instances/42: 404 Not Found: No instance found with id 42 (request "
                            + notFound.requestId().orElseThrow()
                            + ")");
              })
          .verify();
      assertThat(requests(emulator, "/instances/42")).as("a 404 is not retried").hasSize(1);
    }
  }

  @Test
  void refusedCredentialsAreAnAuthenticationFailureWithoutTheSecret() {
    Credentials wrong =
        Credentials.platform(
            UserSecret.of("wrong-user-secret-value"),
            OrganizationSecret.of("wrong-org-secret-value"));
    try (OpenConnectorsClient client = client(emulator, b -> b.credentials(wrong))) {
      StepVerifier.create(client.instances())
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(AuthenticationException.class)
                      .hasMessageContaining("401 Unauthorized: Invalid Organization or User secret")
                      .hasMessageNotContaining("wrong-user-secret-value")
                      .hasMessageNotContaining("wrong-org-secret-value"))
          .verify();
      assertThat(requests(emulator, "/instances"))
          .as("fixed credentials: the provider has nothing newer, so nothing is re-sent")
          .hasSize(1);
    }
  }

  @Test
  void missingCredentialPartsFailBeforeAnyRequest() {
    try (OpenConnectorsClient client =
        client(emulator, b -> b.credentials(emulator.connectorCredentials(id)))) {
      StepVerifier.create(client.instance(id))
          .expectErrorMessage(
              "a platform request needs User and Organization, or Bearer, but the credentials hold User and Element")
          .verify();
      assertThat(emulator.journal()).isEmpty();
    }
  }

  @Test
  void forbiddenAndOtherStatusesHaveTheirTypes() {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.status(403));
      StepVerifier.create(client.instance(id)).expectError(ForbiddenException.class).verify();
      emulator.inject(Fault.status(409, "Conflict here"));
      StepVerifier.create(client.instance(id)).expectError(ConflictException.class).verify();
      emulator.inject(Fault.status(415, "Not this type"));
      StepVerifier.create(client.instance(id))
          .expectError(UnsupportedMediaTypeException.class)
          .verify();
      emulator.inject(Fault.status(422, "Unprocessable here"));
      StepVerifier.create(client.instance(id))
          .expectErrorSatisfies(
              error -> {
                assertThat(error.getClass()).isEqualTo(OpenConnectorsException.class);
                assertThat(((OpenConnectorsException) error).status()).isEqualTo(422);
              })
          .verify();
    }
  }

  @Test
  void retriesUnavailableAndBadGatewayThenSucceeds() {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.status(503));
      emulator.inject(Fault.status(502));
      emulator.inject(Fault.status(504));

      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
      assertThat(requests(emulator, "/instances/" + id))
          .extracting(RecordedRequest::status)
          .containsExactly(503, 502, 504, 200);
    }
  }

  @Test
  void givesUpAfterTheLastRetryWithTheLastFailure() {
    try (OpenConnectorsClient client =
        client(
            emulator,
            b ->
                b.retry(
                    RetryPolicy.defaults()
                        .withMaxRetries(2)
                        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2))))) {
      emulator.inject(Fault.status(503).times(5));

      StepVerifier.create(client.instance(id))
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ServerException.class)
                      .hasMessageContaining("503 Service Unavailable"))
          .verify();
      assertThat(requests(emulator, "/instances/" + id)).hasSize(3);
    }
  }

  @Test
  void neverRetriesAnInternalServerError() {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.status(500));

      StepVerifier.create(client.instance(id)).expectError(ServerException.class).verify();
      assertThat(requests(emulator, "/instances/" + id)).hasSize(1);
    }
  }

  @Test
  void honoursRetryAfterThenSucceeds() {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.tooManyRequests("1"));

      long start = System.nanoTime();
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }
  }

  @Test
  void aRetryAfterBeyondTheLimitFailsAtOnceWithTheWait() {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.tooManyRequests("3600"));

      StepVerifier.create(client.instance(id))
          .expectErrorSatisfies(
              error ->
                  assertThat(((RateLimitedException) error).retryAfter())
                      .hasValue(Duration.ofHours(1)))
          .verify();
      assertThat(requests(emulator, "/instances/" + id)).hasSize(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"9999999999", "99999999999999999999999"})
  void aRetryAfterOfManyDigitsIsBeyondTheLimitAndFailsAtOnce(String seconds) {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.tooManyRequests(seconds));

      StepVerifier.create(client.instance(id))
          .expectErrorSatisfies(
              error ->
                  assertThat(((RateLimitedException) error).retryAfter())
                      .hasValueSatisfying(
                          wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365))))
          .verify();
      assertThat(requests(emulator, "/instances/" + id)).hasSize(1);
    }
  }

  @Test
  void eachAttemptTakesTheCredentialsAfresh() {
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Credentials> current = new AtomicReference<>(emulator.platformCredentials());
    CredentialsProvider rotating =
        () ->
            Mono.fromSupplier(
                () -> {
                  Credentials now = current.get();
                  if (calls.incrementAndGet() == 1) {
                    // The secret rotates while the first attempt is failing.
                    current.set(now.withUserSecret(emulator.rotateUserSecret()));
                  }
                  return now;
                });
    try (OpenConnectorsClient client = client(emulator, b -> b.credentialsProvider(rotating))) {
      emulator.inject(Fault.status(503));

      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();

      List<RecordedRequest> attempts = requests(emulator, "/instances/" + id);
      assertThat(calls).hasValue(2);
      assertThat(attempts).extracting(RecordedRequest::status).containsExactly(503, 200);
      assertThat(attempts.get(1).fingerprints().get(CredentialPart.USER))
          .isEqualTo(emulator.userSecret().fingerprint());
    }
  }

  @Test
  void aTruncatedBodyIsAProtocolErrorNotAShorterListing() {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.truncatedBody(1500));

      StepVerifier.create(client.instances())
          .expectNextCount(1)
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessageContaining("the body ended before its JSON was complete"))
          .verify();
    }
  }

  @Test
  void aDroppedConnectionMidBodyIsAProtocolError() {
    try (OpenConnectorsClient client = client(emulator)) {
      emulator.inject(Fault.droppedConnection(1500));

      StepVerifier.create(client.instances())
          .expectNextCount(1)
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessageContaining("the connection closed before the body was complete"))
          .verify();
      assertThat(requests(emulator, "/instances"))
          .as("not retried once items were emitted")
          .hasSize(1);
    }
  }

  @Test
  void noResponseInTimeIsAConnectionFailure() {
    try (OpenConnectorsClient client =
        client(
            emulator, b -> b.responseTimeout(Duration.ofMillis(200)).retry(RetryPolicy.none()))) {
      emulator.inject(Fault.latency(Duration.ofSeconds(2)));

      StepVerifier.create(client.instance(id))
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ConnectionException.class)
                      .hasMessage(
                          "GET "
                              + emulator.baseUrl()
                              + "/instances/"
                              + id
                              + ": no response in time"))
          .verify(Duration.ofSeconds(5));
    }
  }

  @Test
  void aRefusedConnectionIsRetriedThenReported() {
    int port = emulator.port();
    emulator.close();
    try (OpenConnectorsClient client =
        OpenConnectorsClient.builder()
            .baseUrl("http://127.0.0.1:" + port + "/elements/api-v2")
            .credentials(Credentials.platform(UserSecret.of("u"), OrganizationSecret.of("o")))
            .retry(
                RetryPolicy.defaults()
                    .withMaxRetries(2)
                    .withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
            .build()) {
      StepVerifier.create(client.instance(1))
          .expectErrorSatisfies(
              error -> {
                assertThat(error)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith(
                        "GET " + emulator.baseUrl() + "/instances/1: no response:");
                assertThat(((ConnectionException) error).status()).isZero();
              })
          .verify(Duration.ofSeconds(10));
    } finally {
      emulator = OpenConnectorsEmulator.builder().start();
    }
  }

  @Test
  void theHeaderOfEachKindIsComposedFromTheProvidersCredentials() {
    Credentials credentials = emulator.platformCredentials();
    assertThat(credentials.authorizationFor(ApiKind.PLATFORM).parts())
        .containsExactly(CredentialPart.USER, CredentialPart.ORGANIZATION);
  }
}
