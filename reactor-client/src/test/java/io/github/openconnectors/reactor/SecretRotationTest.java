package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.client;
import static io.github.openconnectors.reactor.ClientTests.requests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class SecretRotationTest {

  OpenConnectorsEmulator emulator;
  long id;
  AtomicInteger refreshes;

  @BeforeEach
  void start() {
    emulator = OpenConnectorsEmulator.builder().instances(3).journalLimit(10_000).start();
    id = emulator.firstGeneratedId();
    refreshes = new AtomicInteger();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  /** A source like a vault: it yields whatever the secrets are now. */
  Mono<Credentials> currentSecrets() {
    return Mono.fromSupplier(
        () -> {
          refreshes.incrementAndGet();
          return emulator.platformCredentials();
        });
  }

  @Test
  void aThousandConcurrentRequestsOnARotatedSecretCauseOneRefreshAndAllSucceed() {
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(currentSecrets()).build();
    try (OpenConnectorsClient client = client(emulator, b -> b.credentialsProvider(provider))) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
      emulator.rotateUserSecret();
      emulator.clearJournal();

      StepVerifier.create(Flux.range(0, 1000).flatMap(i -> client.instance(id), 1000).count())
          .expectNext(1000L)
          .verifyComplete();

      assertThat(refreshes).as("the first fetch, then one refresh").hasValue(2);
      assertThat(requests(emulator, "/instances/" + id))
          .extracting(RecordedRequest::status)
          .containsOnly(401, 200)
          .filteredOn(status -> status == 200)
          .hasSize(1000);
    }
  }

  @Test
  void requestsInFlightRideThroughARotation() {
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(currentSecrets()).build();
    try (OpenConnectorsClient client = client(emulator, b -> b.credentialsProvider(provider))) {
      Flux<Instance> lookups =
          Flux.range(0, 300)
              .flatMap(
                  i ->
                      i == 100
                          ? Mono.fromRunnable(emulator::rotateUserSecret).then(client.instance(id))
                          : client.instance(id),
                  32);

      StepVerifier.create(lookups.count()).expectNext(300L).verifyComplete();
      assertThat(refreshes).hasValue(2);
    }
  }

  @Test
  void aSourceThatKeepsTheRefusedSecretFailsWithoutResendingIt() {
    Credentials old = emulator.platformCredentials();
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(
                Mono.fromSupplier(
                    () -> {
                      refreshes.incrementAndGet();
                      return old;
                    }))
            .build();
    try (OpenConnectorsClient client = client(emulator, b -> b.credentialsProvider(provider))) {
      emulator.rotateUserSecret();

      StepVerifier.create(client.instance(id))
          .expectError(AuthenticationException.class)
          .verify(Duration.ofSeconds(10));

      assertThat(requests(emulator, "/instances/" + id))
          .extracting(RecordedRequest::status)
          .as("the same credentials would only be refused again: not re-sent")
          .containsExactly(401);
      assertThat(refreshes).as("the first fetch, then one after the invalidation").hasValue(2);
    }
  }
}
