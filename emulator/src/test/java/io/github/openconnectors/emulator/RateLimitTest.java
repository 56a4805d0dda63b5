package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  final HttpClient http = HttpClient.newHttpClient();

  /** A clock the test moves. */
  static final class ManualClock extends Clock {
    final AtomicLong millis = new AtomicLong(1_000_000);

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }
  }

  @Test
  void beyondTheLimitAWindowAnswers429WithTheSecondsLeftAndTheNextWindowServesAgain()
      throws Exception {
    ManualClock clock = new ManualClock();
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder()
            .instances(2)
            .clock(clock)
            .rateLimit(3, Duration.ofSeconds(10))
            .start()) {
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(emulator.baseUrl() + "/instances/" + emulator.firstGeneratedId()))
              .header(
                  "Authorization",
                  emulator.connectorCredentials(emulator.firstGeneratedId()).toString())
              .build();
      for (int i = 0; i < 3; i++) {
        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
            .isNotEqualTo(429);
      }
      clock.millis.addAndGet(2_500);
      HttpResponse<String> refused = http.send(request, HttpResponse.BodyHandlers.ofString());

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Retry-After")).contains("8");
      assertThat(refused.body()).contains("Rate limit exceeded for this organization");

      clock.millis.addAndGet(7_500);
      assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
          .isNotEqualTo(429);
      assertThat(emulator.counts().rateLimited()).isEqualTo(1);
      assertThat(emulator.counts().requests()).isEqualTo(5);
      assertThat(emulator.counts().instanceLookups()).isEqualTo(5);
    }
  }

  @Test
  void countsOutliveTheJournalsLimitAndClearWithIt() throws Exception {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().account("ops@example.com", "pw").journalLimit(1).start()) {
      HttpRequest logIn =
          HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/authentication"))
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"username\":\"ops@example.com\",\"password\":\"pw\"}"))
              .build();
      HttpRequest wrong =
          HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/instances"))
              .header("Authorization", "User nope, Organization nope")
              .build();
      http.send(logIn, HttpResponse.BodyHandlers.discarding());
      http.send(logIn, HttpResponse.BodyHandlers.discarding());
      http.send(wrong, HttpResponse.BodyHandlers.discarding());

      assertThat(emulator.journal()).hasSize(1);
      assertThat(emulator.counts()).isEqualTo(new RequestCounts(3, 2, 0, 1, 0));
      emulator.clearJournal();
      assertThat(emulator.counts()).isEqualTo(new RequestCounts(0, 0, 0, 0, 0));
    }
  }

  @Test
  void aLimitMustBePositive() {
    assertThatThrownBy(() -> OpenConnectorsEmulator.builder().rateLimit(0, Duration.ofSeconds(1)))
        .hasMessage("requests must be positive, was 0");
    assertThatThrownBy(() -> OpenConnectorsEmulator.builder().rateLimit(1, Duration.ZERO))
        .hasMessage("window must be positive, was PT0S");
  }
}
