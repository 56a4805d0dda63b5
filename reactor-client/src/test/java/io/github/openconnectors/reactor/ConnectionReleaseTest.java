package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.awaitPoolIdle;
import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** With one connection in the pool, any leaked connection would starve the next request. */
class ConnectionReleaseTest {

  OpenConnectorsEmulator emulator;
  OpenConnectorsClient client;

  @BeforeEach
  void start() {
    emulator = OpenConnectorsEmulator.builder().instances(450).start();
    client =
        client(
            emulator,
            b ->
                b.maxConnections(1)
                    // Long enough for a cold JVM's first page, short enough for the timeout test.
                    .responseTimeout(Duration.ofSeconds(2))
                    .retry(RetryPolicy.none()));
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  void assertReleasedAndStillServing() {
    awaitPoolIdle(client);
    StepVerifier.create(client.instance(emulator.firstGeneratedId()))
        .expectNextCount(1)
        .verifyComplete();
    awaitPoolIdle(client);
    assertThat(ClientTests.pool(client).acquired()).isZero();
  }

  @Test
  void afterSuccess() {
    StepVerifier.create(client.instances().count()).expectNext(450L).verifyComplete();
    assertReleasedAndStillServing();
  }

  @Test
  void afterAnErrorStatus() {
    emulator.inject(Fault.status(503));
    StepVerifier.create(client.instances()).expectError(ServerException.class).verify();
    assertReleasedAndStillServing();
  }

  @Test
  void afterAMalformedBody() {
    emulator.inject(Fault.truncatedBody(3000));
    StepVerifier.create(client.instances())
        .thenConsumeWhile(i -> true)
        .expectError(ProtocolException.class)
        .verify();
    assertReleasedAndStillServing();
  }

  @Test
  void afterADroppedConnection() {
    emulator.inject(Fault.droppedConnection(3000));
    StepVerifier.create(client.instances())
        .thenConsumeWhile(i -> true)
        .expectError(ProtocolException.class)
        .verify();
    assertReleasedAndStillServing();
  }

  @Test
  void afterATimeout() {
    emulator.inject(Fault.latency(Duration.ofSeconds(4)));
    StepVerifier.create(client.instances())
        .expectError(ConnectionException.class)
        .verify(Duration.ofSeconds(10));
    assertReleasedAndStillServing();
  }

  @Test
  void afterCancellationWhilePagesAreReadAhead() {
    // Unbounded demand reads pages ahead; cancelling in the second page cancels them too.
    StepVerifier.create(client.instances().index().takeUntil(indexed -> indexed.getT1() == 300))
        .expectNextCount(301)
        .verifyComplete();
    assertReleasedAndStillServing();
  }

  @Test
  void afterCancellationMidPage() {
    StepVerifier.create(client.instances().take(3)).expectNextCount(3).verifyComplete();
    assertReleasedAndStillServing();
  }

  @Test
  void idleConnectionsAreEvictedBeforeAServerWouldCloseThem() {
    try (OpenConnectorsClient evicting =
        client(emulator, b -> b.maxIdleTime(Duration.ofMillis(200)))) {
      StepVerifier.create(evicting.instance(emulator.firstGeneratedId()))
          .expectNextCount(1)
          .verifyComplete();
      assertThat(awaitIdle(evicting, 1)).as("the connection went back to the pool").isEqualTo(1);
      assertThat(awaitIdle(evicting, 0)).as("then it was evicted").isZero();
      StepVerifier.create(evicting.instance(emulator.firstGeneratedId()))
          .expectNextCount(1)
          .verifyComplete();
    }
  }

  /** Waits, polling every 20 ms for up to 5 s, until the pool holds this many idle connections. */
  private static Integer awaitIdle(OpenConnectorsClient client, int expected) {
    return Flux.interval(Duration.ofMillis(20))
        .map(tick -> ClientTests.pool(client).idle())
        .filter(idle -> idle == expected)
        .next()
        .block(Duration.ofSeconds(5));
  }

  @Test
  void afterCancellationOfATrickledPage() {
    emulator.inject(Fault.trickle(500, Duration.ofMillis(20)));
    StepVerifier.create(client.instances(), 1)
        .expectNextCount(1)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertReleasedAndStillServing();
  }
}
