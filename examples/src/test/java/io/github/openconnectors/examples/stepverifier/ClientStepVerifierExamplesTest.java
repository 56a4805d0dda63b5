package io.github.openconnectors.examples.stepverifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.InstanceQuery;
import io.github.openconnectors.reactor.NotFoundException;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.ProtocolException;
import io.github.openconnectors.reactor.RetryPolicy;
import io.github.openconnectors.reactor.ServerException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Examples to copy: testing code that uses {@link OpenConnectorsClient} with {@link StepVerifier},
 * against the emulator, and credential refresh timing under virtual time.
 */
class ClientStepVerifierExamplesTest {

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR =
      OpenConnectorsEmulatorExtension.configured(
          builder ->
              builder
                  .instances(450)
                  .instance(
                      EmulatedInstance.builder(42, InstanceToken.of("example+token/42="))
                          .name("Salesforce Sales EU")
                          .tags("prod", "eu")
                          .build()));

  OpenConnectorsEmulator emulator;
  OpenConnectorsClient client;

  @BeforeEach
  void setUp(OpenConnectorsEmulator emulator) {
    this.emulator = emulator;
    emulator.clearFaults();
    emulator.clearJournal();
    client =
        OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())
            .credentials(emulator.platformCredentials())
            .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  // Listing

  @Test
  void listsEveryInstancePageAfterPage() {
    StepVerifier.create(client.instances().map(Instance::id))
        .expectNext(42L) // the fixture first, then the generated ones in id order
        .expectNext(emulator.firstGeneratedId())
        .expectNextCount(449)
        .verifyComplete();
    assertThat(emulator.journal()).hasSize(3); // 451 instances in pages of 200
  }

  @Test
  void requestsTheNextPageOnlyWhenDemandReachesIt() {
    StepVerifier.create(client.instances(InstanceQuery.all().withPageSize(100)), 100)
        .expectNextCount(100)
        .then(() -> assertThat(emulator.journal()).hasSize(1)) // no second request yet
        .thenRequest(1)
        .expectNextCount(1)
        .then(() -> assertThat(emulator.journal()).hasSize(2))
        .thenCancel()
        .verify();
  }

  @Test
  void filtersByTag() {
    StepVerifier.create(client.instances(InstanceQuery.all().withTags("prod", "eu")))
        .thenConsumeWhile(instance -> instance.tags().containsAll(List.of("prod", "eu")))
        .verifyComplete();
  }

  // Lookup

  @Test
  void looksUpOneInstance() {
    StepVerifier.create(client.instance(42))
        .assertNext(
            instance -> {
              assertThat(instance.name()).hasValue("Salesforce Sales EU");
              assertThat(instance.token()).isPresent();
            })
        .verifyComplete();
  }

  // Error handling

  @Test
  void aMissingInstanceIsANotFoundException() {
    StepVerifier.create(client.instance(7))
        .expectErrorSatisfies(
            error ->
                assertThat(error)
                    .isInstanceOfSatisfying(
                        NotFoundException.class,
                        notFound -> assertThat(notFound.status()).isEqualTo(404)))
        .verify();
  }

  @Test
  void aServerErrorIsRetriedThenReported() {
    emulator.inject(Fault.status(503).times(2));

    // Two 503s, then the answer: the retries are invisible to the subscriber.
    StepVerifier.create(client.instance(42)).expectNextCount(1).verifyComplete();

    emulator.inject(Fault.status(500));
    OpenConnectorsClient noRetries =
        OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())
            .credentials(emulator.platformCredentials())
            .retry(RetryPolicy.none())
            .build();
    try (noRetries) {
      StepVerifier.create(noRetries.instance(42)).expectError(ServerException.class).verify();
    }
  }

  @Test
  void aBodyCutShortFailsAfterTheInstancesReadBeforeIt() {
    emulator.inject(Fault.truncatedBody(5_000).onPath("/instances"));

    StepVerifier.create(client.instances())
        .thenConsumeWhile(instance -> true) // whatever arrived whole before the cut
        .expectError(ProtocolException.class)
        .verify();
  }

  // Credentials that change: a rotated secret, ridden through in real time

  @Test
  void aRotatedSecretIsRiddenThroughWithOneRefresh() {
    AtomicInteger vaultReads = new AtomicInteger();
    Mono<Credentials> vault =
        Mono.fromSupplier(
            () -> {
              vaultReads.incrementAndGet();
              return emulator.platformCredentials(); // stands for a vault that has the new one
            });
    try (OpenConnectorsClient refreshing =
        OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())
            .credentialsProvider(CachingCredentialsProvider.builder(vault).build())
            .build()) {
      StepVerifier.create(refreshing.instance(42)).expectNextCount(1).verifyComplete();

      emulator.rotateUserSecret();

      StepVerifier.create(refreshing.instance(42)).expectNextCount(1).verifyComplete();
      assertThat(emulator.journal())
          .extracting(RecordedRequest::status)
          .containsExactly(200, 401, 200);
      assertThat(vaultReads).hasValue(2);
    }
  }

  // Credentials that expire: refresh timing under virtual time

  @Test
  void aTokenIsRefreshedInTheBackgroundBeforeItExpires() {
    TokenSource source = new TokenSource(Duration.ZERO);

    StepVerifier.withVirtualTime(
            () -> {
              // Made inside the supplier, so that its clock is the virtual one.
              CachingCredentialsProvider provider = source.provider();
              return Flux.concat(
                  source.token(provider), // t = 0: fetched, valid for 10 minutes
                  delayed(Duration.ofMinutes(4), source.token(provider)), // cached
                  delayed(Duration.ofMinutes(2), source.token(provider)), // prefetch window:
                  source.token(provider)); // the old one at once, the new one right after
            })
        .expectNext("token-1")
        .thenAwait(Duration.ofMinutes(4))
        .expectNext("token-1")
        .thenAwait(Duration.ofMinutes(2))
        .expectNext("token-1", "token-2")
        .verifyComplete();
    assertThat(source.fetches).hasValue(2);
  }

  @Test
  void pastTheStalePointCallersWaitForTheRefresh() {
    // The source takes 3 seconds to answer (a slow vault or log-in).
    TokenSource source = new TokenSource(Duration.ofSeconds(3));

    StepVerifier.withVirtualTime(
            () -> {
              CachingCredentialsProvider provider = source.provider();
              return Flux.concat(
                  source.token(provider),
                  delayed(Duration.ofMinutes(9).plusSeconds(30), source.token(provider)));
            })
        .thenAwait(Duration.ofSeconds(3))
        .expectNext("token-1")
        .thenAwait(Duration.ofMinutes(9).plusSeconds(30)) // 30 s before expiry: stale
        .expectNoEvent(Duration.ofSeconds(2)) // the caller waits for the refresh...
        .thenAwait(Duration.ofSeconds(1))
        .expectNext("token-2") // ...and gets the new token
        .verifyComplete();
  }

  private static Mono<String> delayed(Duration delay, Mono<String> then) {
    return Mono.delay(delay).then(then);
  }

  /** Bearer tokens valid for 10 minutes, numbered as they are fetched. */
  static final class TokenSource {

    static final Duration LIFETIME = Duration.ofMinutes(10);

    final AtomicInteger fetches = new AtomicInteger();
    final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    final Duration latency;

    TokenSource(Duration latency) {
      this.latency = latency;
    }

    CachingCredentialsProvider provider() {
      VirtualTimeScheduler clock = VirtualTimeScheduler.get();
      Mono<Credentials> fetch =
          Mono.fromSupplier(
              () -> {
                String token = "token-" + fetches.incrementAndGet();
                expiries.put(
                    token, Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)).plus(LIFETIME));
                return Credentials.bearer(BearerToken.of(token));
              });
      return CachingCredentialsProvider.builder(
              latency.isZero() ? fetch : Mono.delay(latency, clock).then(fetch))
          .expiry(credentials -> Optional.of(expiries.get(reveal(credentials))))
          .prefetch(Duration.ofMinutes(5))
          .stale(Duration.ofMinutes(1))
          .clock(clock)
          .build();
    }

    Mono<String> token(CachingCredentialsProvider provider) {
      return provider.credentials().map(TokenSource::reveal);
    }

    static String reveal(Credentials credentials) {
      return credentials.bearerToken().orElseThrow().reveal();
    }
  }
}
