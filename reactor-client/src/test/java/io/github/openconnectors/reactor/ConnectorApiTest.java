package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.client;
import static io.github.openconnectors.reactor.ClientTests.requests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

class ConnectorApiTest {

  static final long ID = 42;

  /** A record of the emulator's connector resources, as a user would map it. */
  record Account(String id, String name, long instanceId) {}

  OpenConnectorsEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instance(
                EmulatedInstance.builder(ID, InstanceToken.of("token-42")).records(200).build())
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  List<RecordedRequest> hubRequests() {
    return emulator.journal().stream().filter(r -> r.path().startsWith("/hubs/")).toList();
  }

  @Test
  void listsAResourceToTheEndWithUserAndElementOnly() {
    try (OpenConnectorsClient client = client(emulator, b -> b.pageSize(50))) {
      StepVerifier.create(client.connector(ID).list("crm/accounts", Account.class).collectList())
          .assertNext(
              accounts -> {
                assertThat(accounts).hasSize(200).extracting(Account::id).doesNotHaveDuplicates();
                assertThat(accounts.get(0))
                    .isEqualTo(new Account("1", "accounts 1 of instance 42", 42));
              })
          .verifyComplete();

      assertThat(requests(emulator, "/instances/" + ID)).as("one token lookup").hasSize(1);
      assertThat(hubRequests())
          .hasSize(4)
          .allSatisfy(
              request ->
                  assertThat(request.credentialParts())
                      .containsExactly(CredentialPart.USER, CredentialPart.INSTANCE_TOKEN));
    }
  }

  @Test
  void getsOneRecordOrNotFound() {
    try (OpenConnectorsClient client = client(emulator)) {
      ConnectorClient crm = client.connector(ID);

      StepVerifier.create(crm.get("/hubs/crm/accounts/7"))
          .assertNext(
              record ->
                  assertThat(record.path("name").asString()).isEqualTo("accounts 7 of instance 42"))
          .verifyComplete();
      StepVerifier.create(crm.get("crm/accounts/201", Account.class))
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(NotFoundException.class)
                      .hasMessageStartingWith(
                          "GET "
                              + emulator.baseUrl()
                              + "/hubs/crm/accounts/201: 404 Not Found: No accounts record with"
                              + " id 201"))
          .verify();
    }
  }

  @Test
  void theConnectorOfAnInstanceIsSharedWithItsCachedToken() {
    try (OpenConnectorsClient client = client(emulator)) {
      assertThat(client.connector(ID)).isSameAs(client.connector(ID));

      StepVerifier.create(
              client
                  .connector(ID)
                  .get("crm/accounts/1")
                  .then(client.connector(ID).get("crm/accounts/2")))
          .expectNextCount(1)
          .verifyComplete();
      assertThat(requests(emulator, "/instances/" + ID)).hasSize(1);
    }
  }

  @Test
  void aKnownTokenNeedsNoLookup() {
    try (OpenConnectorsClient client = client(emulator)) {
      StepVerifier.create(
              client.connector(InstanceToken.of("token-42")).list("crm/contacts").count())
          .expectNext(200L)
          .verifyComplete();
      assertThat(requests(emulator, "/instances/" + ID)).isEmpty();
    }
  }

  @Test
  void aThousandConcurrentCallsLookTheTokenUpOnce() {
    try (OpenConnectorsClient client = client(emulator)) {
      ConnectorClient crm = client.connector(ID);

      StepVerifier.create(
              Flux.range(1, 1000)
                  .flatMap(n -> crm.get("crm/accounts/" + (n % 200 + 1)), 1000)
                  .count())
          .expectNext(1000L)
          .verifyComplete();
      assertThat(requests(emulator, "/instances/" + ID)).hasSize(1);
    }
  }

  @Test
  void aTokenReissuedMidListingIsResolvedOnceAndTheListingContinues() {
    try (OpenConnectorsClient client = client(emulator, b -> b.pageSize(50))) {
      StepVerifier.create(
              client.connector(ID).list("crm/accounts").map(record -> record.path("id").asString()),
              50)
          .expectNextCount(50)
          .then(() -> emulator.reissueInstanceToken(ID))
          .thenRequest(150)
          .expectNextCount(150)
          .verifyComplete();

      assertThat(requests(emulator, "/instances/" + ID)).as("looked up, then once more").hasSize(2);
      assertThat(hubRequests())
          .extracting(RecordedRequest::status)
          .containsExactly(200, 401, 200, 200, 200);
    }
  }

  @Test
  void connectorCallsRideThroughARotatedUserSecret() {
    CachingCredentialsProvider secrets =
        CachingCredentialsProvider.builder(Mono.fromSupplier(emulator::platformCredentials))
            .build();
    try (OpenConnectorsClient client = client(emulator, b -> b.credentialsProvider(secrets))) {
      ConnectorClient crm = client.connector(ID);
      StepVerifier.create(crm.get("crm/accounts/1")).expectNextCount(1).verifyComplete();

      emulator.rotateUserSecret();

      StepVerifier.create(crm.get("crm/accounts/2")).expectNextCount(1).verifyComplete();
      assertThat(hubRequests()).extracting(RecordedRequest::status).containsExactly(200, 401, 200);
      assertThat(hubRequests().get(2).fingerprints().get(CredentialPart.USER))
          .isEqualTo(emulator.userSecret().fingerprint());
    }
  }

  @Test
  void aConnectorTokenThatLooksUpUnchangedIsNotResent() {
    try (OpenConnectorsClient client = client(emulator)) {
      ConnectorClient crm = client.connector(ID);
      StepVerifier.create(crm.get("crm/accounts/1")).expectNextCount(1).verifyComplete();

      emulator.inject(Fault.status(401).onPath("/hubs/.*"));

      StepVerifier.create(crm.get("crm/accounts/2"))
          .expectError(AuthenticationException.class)
          .verify(Duration.ofSeconds(10));
      assertThat(requests(emulator, "/instances/" + ID))
          .as("looked up again after the 401: the same token")
          .extracting(RecordedRequest::status)
          .containsExactly(200, 200);
      assertThat(hubRequests()).extracting(RecordedRequest::status).containsExactly(200, 401);
    }
  }

  @Test
  void aDeletedInstanceEndsInAnAuthenticationFailureAfterOneRetry() {
    try (OpenConnectorsClient client = client(emulator)) {
      ConnectorClient crm = client.connector(ID);
      StepVerifier.create(crm.get("crm/accounts/1")).expectNextCount(1).verifyComplete();

      emulator.removeInstance(ID);

      StepVerifier.create(crm.get("crm/accounts/2"))
          .expectErrorSatisfies(
              error -> {
                assertThat(error).isInstanceOf(AuthenticationException.class);
                assertThat(error.getSuppressed())
                    .singleElement()
                    .isInstanceOf(NotFoundException.class);
              })
          .verify(Duration.ofSeconds(10));
      assertThat(hubRequests()).extracting(RecordedRequest::status).containsExactly(200, 401);
      assertThat(requests(emulator, "/instances/" + ID))
          .extracting(RecordedRequest::status)
          .containsExactly(200, 404);
    }
  }

  @Test
  void refusesPathsWithoutAResourceOrWithAQuery() {
    try (OpenConnectorsClient client = client(emulator)) {
      for (String path : new String[] {"", "/hubs/", "crm/accounts?where=x"}) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> client.connector(ID).list(path, JsonNode.class))
            .withMessage(
                "path must name a resource under /hubs/ without a query, such as crm/accounts;"
                    + " give a query as a ConnectorQuery");
      }
    }
  }
}
