package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

class OpenConnectorsExchangeFilterFunctionTest {

  OpenConnectorsEmulator emulator;
  long id;
  AtomicInteger vaultReads;
  OpenConnectorsClient client;
  WebClient web;

  @BeforeEach
  void start() {
    emulator = OpenConnectorsEmulator.builder().instances(3).start();
    id = emulator.firstGeneratedId();
    vaultReads = new AtomicInteger();
    client =
        OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())
            .credentialsProvider(
                CachingCredentialsProvider.builder(
                        Mono.fromSupplier(
                            () -> {
                              vaultReads.incrementAndGet();
                              return emulator.platformCredentials();
                            }))
                    .build())
            .retry(RetryPolicy.none())
            .build();
    web =
        WebClient.builder()
            .baseUrl(client.baseUrl().toString())
            .filter(new OpenConnectorsExchangeFilterFunction(client))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  Mono<JsonNode> get(String path) {
    return web.get().uri(path).retrieve().bodyToMono(JsonNode.class);
  }

  Mono<ResponseEntity<Void>> anAccountOfTheInstance() {
    return web.get()
        .uri("/hubs/crm/accounts/1")
        .attributes(OpenConnectorsExchangeFilterFunction.instance(id))
        .retrieve()
        .toBodilessEntity();
  }

  @Test
  void signsAPlatformRequestWithThePlatformPartsOnly() {
    StepVerifier.create(get("/instances/" + id))
        .assertNext(instance -> assertThat(instance.path("id").asLong()).isEqualTo(id))
        .verifyComplete();

    assertThat(emulator.journal())
        .singleElement()
        .satisfies(
            request ->
                assertThat(request.credentialParts())
                    .containsExactlyInAnyOrder(CredentialPart.USER, CredentialPart.ORGANIZATION));
  }

  @Test
  void signsAConnectorRequestWithTheInstancesTokenSharedWithTheClient() {
    StepVerifier.create(
            web.get()
                .uri("/hubs/crm/accounts")
                .attributes(OpenConnectorsExchangeFilterFunction.instance(id))
                .retrieve()
                .bodyToFlux(JsonNode.class)
                .count())
        .expectNextMatches(count -> count > 0)
        .verifyComplete();
    StepVerifier.create(client.connector(id).get("crm/accounts/1"))
        .expectNextCount(1)
        .verifyComplete();

    List<RecordedRequest> journal = emulator.journal();
    assertThat(journal)
        .extracting(RecordedRequest::path)
        .as("one token lookup for the filter and the client alike")
        .containsExactly("/instances/" + id, "/hubs/crm/accounts", "/hubs/crm/accounts/1");
    assertThat(journal.get(1).credentialParts())
        .containsExactlyInAnyOrder(CredentialPart.USER, CredentialPart.INSTANCE_TOKEN);
  }

  @Test
  void aRotatedSecretIsReadOnceAndTheRequestSentAgain() {
    StepVerifier.create(get("/instances/" + id)).expectNextCount(1).verifyComplete();
    emulator.rotateUserSecret();
    emulator.clearJournal();

    StepVerifier.create(get("/instances/" + id)).expectNextCount(1).verifyComplete();

    assertThat(emulator.journal()).extracting(RecordedRequest::status).containsExactly(401, 200);
    assertThat(vaultReads).hasValue(2);
  }

  @Test
  void aReissuedInstanceTokenIsResolvedAgain() {
    StepVerifier.create(anAccountOfTheInstance()).expectNextCount(1).verifyComplete();
    emulator.reissueInstanceToken(id);
    emulator.clearJournal();

    StepVerifier.create(anAccountOfTheInstance()).expectNextCount(1).verifyComplete();

    assertThat(emulator.journal())
        .extracting(request -> request.path() + " " + request.status())
        .containsExactly(
            "/hubs/crm/accounts/1 401", "/instances/" + id + " 200", "/hubs/crm/accounts/1 200");
  }

  @Test
  void theSameCredentialsAreNotSentAgainAndThe401IsTheAnswer() {
    OpenConnectorsClient fixed =
        OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())
            .credentials(emulator.platformCredentials())
            .build();
    try (fixed) {
      emulator.rotateUserSecret();
      WebClient signed =
          WebClient.builder()
              .baseUrl(fixed.baseUrl().toString())
              .filter(new OpenConnectorsExchangeFilterFunction(fixed))
              .build();

      StepVerifier.create(
              signed
                  .get()
                  .uri("/instances/" + id)
                  .exchangeToMono(response -> Mono.just(response.statusCode())))
          .expectNext(HttpStatus.UNAUTHORIZED)
          .verifyComplete();
      assertThat(emulator.journal()).hasSize(1);
    }
  }

  @Test
  void sendsNothingElsewhereNorAConnectorRequestWithoutItsInstance() {
    StepVerifier.create(
            WebClient.builder()
                .filter(new OpenConnectorsExchangeFilterFunction(client))
                .build()
                .get()
                .uri("http://127.0.0.1:" + (emulator.port() + 1) + "/elements/api-v2/instances")
                .retrieve()
                .toBodilessEntity())
        .expectErrorSatisfies(
            failure ->
                assertThat(failure)
                    .hasMessageContaining("not under the Open Connectors client's base URL"))
        .verify(Duration.ofSeconds(5));
    StepVerifier.create(
            WebClient.builder()
                .filter(new OpenConnectorsExchangeFilterFunction(client))
                .build()
                .get()
                .uri(emulator.baseUrl().replace("/elements/api-v2", "/elsewhere/instances"))
                .retrieve()
                .toBodilessEntity())
        .expectError(IllegalArgumentException.class)
        .verify(Duration.ofSeconds(5));
    StepVerifier.create(get("/hubs/crm/accounts"))
        .expectErrorSatisfies(
            failure -> assertThat(failure).hasMessageContaining("needs its instance"))
        .verify(Duration.ofSeconds(5));

    assertThat(emulator.journal()).isEmpty();
  }
}
