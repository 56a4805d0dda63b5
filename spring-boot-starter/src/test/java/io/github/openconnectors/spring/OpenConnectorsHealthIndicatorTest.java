package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class OpenConnectorsHealthIndicatorTest {

  OpenConnectorsEmulator emulator;
  OpenConnectorsClient client;

  @BeforeEach
  void start() {
    emulator = OpenConnectorsEmulator.builder().instances(3).start();
    client =
        OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())
            .credentials(emulator.platformCredentials())
            .retry(RetryPolicy.none())
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  Health check(OpenConnectorsHealthIndicator indicator) {
    return indicator.health().block(Duration.ofSeconds(10));
  }

  @Test
  void upWhenOneAuthenticatedCallSucceeds() {
    Health health =
        check(new OpenConnectorsHealthIndicator(client, Duration.ZERO, Duration.ofSeconds(5)));

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(emulator.journal())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.path()).isEqualTo("/instances");
              assertThat(request.query().get("pageSize")).containsExactly("1");
            });
  }

  @Test
  void downWithTheKindOfFailureAndNeverASecret() {
    OpenConnectorsHealthIndicator indicator =
        new OpenConnectorsHealthIndicator(client, Duration.ZERO, Duration.ofSeconds(5));

    emulator.inject(Fault.status(503));
    assertThat(check(indicator).getDetails()).containsEntry("failure", "server-error");
    String secret = emulator.userSecret().reveal();
    emulator.rotateUserSecret();
    Health refused = check(indicator);
    assertThat(refused.getStatus()).isEqualTo(Status.DOWN);
    assertThat(refused.getDetails())
        .containsEntry("failure", "authentication")
        .containsEntry("status", 401);
    Secrets.assertNoneIn("the health", refused.toString(), secret, emulator.userSecret().reveal());
    // Last: the client then holds its requests back for the 30 s the service asked for.
    emulator.inject(Fault.tooManyRequests("30"));
    assertThat(check(indicator).getDetails())
        .containsEntry("failure", "rate-limited")
        .containsEntry("status", 429);
  }

  @Test
  void duringAPauseAnswersAtOnceWithItsEndAndSendsNothing() {
    // A timeout far shorter than the pause: waiting it out would report "unreachable".
    OpenConnectorsHealthIndicator indicator =
        new OpenConnectorsHealthIndicator(client, Duration.ZERO, Duration.ofSeconds(2));
    emulator.inject(Fault.tooManyRequests("30"));
    assertThat(check(indicator).getDetails()).containsEntry("failure", "rate-limited");
    emulator.clearJournal();

    long started = System.nanoTime();
    Health paused = check(indicator);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(paused.getStatus()).isEqualTo(Status.DOWN);
    assertThat(paused.getDetails())
        .containsEntry("failure", "rate-limited")
        .containsKeys("pausedFor", "pausedUntil")
        .doesNotContainKey("status");
    Duration left = Duration.parse((String) paused.getDetails().get("pausedFor"));
    assertThat(left).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
    Instant until = Instant.parse((String) paused.getDetails().get("pausedUntil"));
    assertThat(until).isBetween(Instant.now(), Instant.now().plusSeconds(31));
    assertThat(took).as("answered without waiting").isLessThan(Duration.ofSeconds(2));
    assertThat(emulator.journal()).as("no request during the pause").isEmpty();
  }

  @Test
  void downAsUnreachableWhenNothingAnswersOrTooLate() {
    OpenConnectorsClient nowhere =
        OpenConnectorsClient.builder()
            .baseUrl("http://127.0.0.1:1/elements/api-v2")
            .credentials(emulator.platformCredentials())
            .retry(RetryPolicy.none())
            .build();
    try (nowhere) {
      Health health =
          check(new OpenConnectorsHealthIndicator(nowhere, Duration.ZERO, Duration.ofSeconds(5)));
      assertThat(health.getDetails())
          .containsEntry("failure", "unreachable")
          .doesNotContainKey("status");
    }

    emulator.inject(Fault.latency(Duration.ofSeconds(3)));
    Health late =
        check(new OpenConnectorsHealthIndicator(client, Duration.ZERO, Duration.ofMillis(300)));
    assertThat(late.getDetails()).containsEntry("failure", "unreachable");
  }

  @Test
  void anAnswerIsReusedForTheCacheTime() {
    OpenConnectorsHealthIndicator indicator =
        new OpenConnectorsHealthIndicator(client, Duration.ofMinutes(1), Duration.ofSeconds(5));

    for (int i = 0; i < 5; i++) {
      assertThat(check(indicator).getStatus()).isEqualTo(Status.UP);
    }
    assertThat(emulator.journal()).hasSize(1);
  }
}
