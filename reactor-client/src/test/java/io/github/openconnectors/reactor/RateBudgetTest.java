package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.client;
import static io.github.openconnectors.reactor.ClientTests.requests;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.fleet.RequestRate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** A client's requests wait for the rate budget: its rate, and the pause a 429 asks for. */
class RateBudgetTest {

  static final long ID = 42;

  OpenConnectorsEmulator emulator;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instance(EmulatedInstance.builder(ID, InstanceToken.of("token-42")).records(5).build())
            .start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void a429HoldsBackTheOtherRequestsOfItsScopeNotOnlyItsRetry() {
    emulator.inject(Fault.tooManyRequests("20").onPath("/instances/" + ID));
    try (OpenConnectorsClient client = client(emulator, b -> b.retry(RetryPolicy.none()))) {
      StepVerifier.create(client.instance(ID))
          .expectError(RateLimitedException.class)
          .verify(Duration.ofSeconds(10));

      // The service asked for 20 s: another lookup waits instead of being refused as well.
      StepVerifier.create(client.instance(ID))
          .expectSubscription()
          .expectNoEvent(Duration.ofMillis(500))
          .thenCancel()
          .verify();
      assertThat(requests(emulator, "/instances/" + ID)).as("only the refused one").hasSize(1);
    }
  }

  @Test
  void aConnectors429PausesThatInstanceAloneNotTheOrganization() {
    emulator.inject(Fault.tooManyRequests("20").onPath("/hubs/.*"));
    try (OpenConnectorsClient client = client(emulator, b -> b.retry(RetryPolicy.none()))) {
      ConnectorClient crm = client.connector(ID);
      StepVerifier.create(crm.get("/hubs/crm/accounts/1"))
          .expectError(RateLimitedException.class)
          .verify(Duration.ofSeconds(10));

      StepVerifier.create(client.instance(ID)).expectNextCount(1).verifyComplete();
      StepVerifier.create(crm.get("/hubs/crm/accounts/1"))
          .expectSubscription()
          .expectNoEvent(Duration.ofMillis(500))
          .thenCancel()
          .verify();
    }
  }

  @Test
  void aRetriedRequestWaitsForTheRetryAfterAndSucceeds() {
    emulator.inject(Fault.tooManyRequests("1").onPath("/instances/" + ID));
    List<Long> sent = new CopyOnWriteArrayList<>();
    try (OpenConnectorsClient client =
        client(
            emulator,
            b -> b.httpClient(http -> http.doOnRequest((r, c) -> sent.add(System.nanoTime()))))) {
      StepVerifier.create(client.instance(ID)).expectNextCount(1).verifyComplete();
    }
    assertThat(sent).hasSize(2);
    assertThat(Duration.ofNanos(sent.get(1) - sent.get(0)))
        .isGreaterThanOrEqualTo(SECOND_LESS_A_TICK);
  }

  @Test
  void theOrganizationsRateSpacesConcurrentRequests() {
    List<Long> sent = new CopyOnWriteArrayList<>();
    try (OpenConnectorsClient client =
        client(
            emulator,
            b ->
                b.rateLimit(RequestRate.of(20, Duration.ofSeconds(1)))
                    .httpClient(http -> http.doOnRequest((r, c) -> sent.add(System.nanoTime()))))) {
      long started = System.nanoTime();
      StepVerifier.create(Flux.range(0, 6).flatMap(i -> client.instance(ID)))
          .expectNextCount(6)
          .expectComplete()
          .verify(Duration.ofSeconds(10));
      // Six turns 50 ms apart, the first no sooner than the calls: the last at least 250 ms
      // after they began (less the budget clock's tick). A late first turn only adds to it.
      assertThat(sent).hasSize(6);
      long last = sent.stream().mapToLong(Long::longValue).max().orElseThrow();
      assertThat(Duration.ofNanos(last - started)).isGreaterThanOrEqualTo(Duration.ofMillis(245));
    }
  }

  // The budget's clock counts whole milliseconds.
  static final Duration SECOND_LESS_A_TICK = Duration.ofMillis(999);
}
