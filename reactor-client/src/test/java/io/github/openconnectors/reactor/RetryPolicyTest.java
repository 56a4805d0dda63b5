package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RetryPolicyTest {

  static ErrorContext status(int status, Duration retryAfter) {
    return new ErrorContext(
        "GET", "/instances", "/instances", status, "r1", null, null, retryAfter);
  }

  /** A request that fails with {@code failure} on its first {@code failures} subscriptions. */
  static Mono<String> failing(
      int failures, OpenConnectorsException failure, AtomicInteger attempts) {
    return Mono.defer(
        () -> attempts.incrementAndGet() <= failures ? Mono.error(failure) : Mono.just("ok"));
  }

  @Test
  void backsOffExponentiallyWithinTheBounds() {
    RetryPolicy policy =
        RetryPolicy.defaults()
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
            .withJitter(0.5);

    assertThat(policy.backoff(0, 0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(2, 0)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoff(10, 0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(1, 1)).isEqualTo(Duration.ofMillis(300));
    assertThat(policy.backoff(1, -1)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(10, 1))
        .as("never above the maximum")
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(0, -1))
        .as("never below the minimum")
        .isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void waitsTheBackoffInVirtualTime() {
    AtomicInteger attempts = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.defaults()
            .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10))
            .withJitter(0);
    ServerException unavailable =
        new ServerException(status(503, null), "503 Service Unavailable", null);

    StepVerifier.withVirtualTime(
            () -> failing(2, unavailable, attempts).retryWhen(policy.toRetry()))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(999))
        .then(() -> assertThat(attempts).hasValue(1))
        .thenAwait(Duration.ofMillis(1))
        .then(() -> assertThat(attempts).hasValue(2))
        .expectNoEvent(Duration.ofMillis(1999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext("ok")
        .verifyComplete();
  }

  @Test
  void honoursRetryAfterInsteadOfTheBackoff() {
    AtomicInteger attempts = new AtomicInteger();
    RateLimitedException limited =
        new RateLimitedException(
            status(429, Duration.ofSeconds(30)), "429 Too Many Requests", null);

    StepVerifier.withVirtualTime(
            () -> failing(1, limited, attempts).retryWhen(RetryPolicy.defaults().toRetry()))
        .expectSubscription()
        .expectNoEvent(Duration.ofSeconds(29))
        .thenAwait(Duration.ofSeconds(1))
        .expectNext("ok")
        .verifyComplete();
    assertThat(attempts).hasValue(2);
  }

  @Test
  void aRetryAfterAboveTheLimitFailsAtOnce() {
    AtomicInteger attempts = new AtomicInteger();
    RateLimitedException limited =
        new RateLimitedException(
            status(429, Duration.ofSeconds(31)), "429 Too Many Requests", null);

    StepVerifier.withVirtualTime(
            () -> failing(1, limited, attempts).retryWhen(RetryPolicy.defaults().toRetry()))
        .expectErrorSatisfies(error -> assertThat(error).isSameAs(limited))
        .verify();
    assertThat(attempts).hasValue(1);
  }

  @Test
  void retriesOnlyWhatIsSafeToRetry() {
    assertThat(
            RetryPolicy.isRetryable(
                new ConnectionException(status(0, null), "no response", null, true, true)))
        .isTrue();
    assertThat(
            RetryPolicy.isRetryable(
                new ConnectionException(
                    status(0, null), "the TLS handshake failed", null, false, false)))
        .isFalse();
    assertThat(RetryPolicy.isRetryable(new RateLimitedException(status(429, null), "429", null)))
        .isTrue();
    for (int retried : new int[] {502, 503, 504}) {
      assertThat(RetryPolicy.isRetryable(new ServerException(status(retried, null), "", null)))
          .isTrue();
    }
    assertThat(RetryPolicy.isRetryable(new ServerException(status(500, null), "", null))).isFalse();
    assertThat(RetryPolicy.isRetryable(new AuthenticationException(status(401, null), "", null)))
        .isFalse();
    assertThat(RetryPolicy.isRetryable(new ProtocolException(status(200, null), "", null)))
        .isFalse();
    assertThat(RetryPolicy.isRetryable(new IllegalStateException())).isFalse();
  }

  @Test
  void exhaustedRetriesEndWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();
    ServerException unavailable =
        new ServerException(status(503, null), "503 Service Unavailable", null);
    RetryPolicy policy = RetryPolicy.defaults().withMaxRetries(2);

    StepVerifier.withVirtualTime(
            () -> failing(10, unavailable, attempts).retryWhen(policy.toRetry()))
        .thenAwait(Duration.ofMinutes(1))
        .expectErrorSatisfies(error -> assertThat(error).isSameAs(unavailable))
        .verify();
    assertThat(attempts).hasValue(3);
  }

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    long now = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
    String inTenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.of(2026, 1, 1, 0, 0, 10, 0, ZoneOffset.UTC));
    String past =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.of(2025, 12, 31, 0, 0, 0, 0, ZoneOffset.UTC));

    assertThat(RetryAfter.parse("3", now)).isEqualTo(Duration.ofSeconds(3));
    assertThat(RetryAfter.parse(" 0 ", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse(inTenSeconds, now)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RetryAfter.parse(past, now)).as("a past date falls back to the backoff").isNull();
    assertThat(RetryAfter.parse("soon", now)).isNull();
    assertThat(RetryAfter.parse("-5", now)).isNull();
    assertThat(RetryAfter.parse("9999999999", now)).isEqualTo(Duration.ofSeconds(9_999_999_999L));
    assertThat(RetryAfter.parse("9".repeat(40), now))
        .as("too long to count: longer than any limit")
        .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(RetryAfter.parse(null, now)).isNull();
  }

  @Test
  void refusesNonsense() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.defaults().withMaxRetries(-1))
        .withMessage("maxRetries must not be negative, was -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.defaults().withJitter(1.5))
        .withMessage("jitter must be from 0 to 1, was 1.5");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> RetryPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .withMessage("backoff needs 0 < min <= max, was min PT2S and max PT1S");
    assertThat(RetryPolicy.none().maxRetries()).isZero();
  }
}
