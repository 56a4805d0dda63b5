package io.github.openconnectors.spring;

import io.github.openconnectors.reactor.AuthenticationException;
import io.github.openconnectors.reactor.ConnectionException;
import io.github.openconnectors.reactor.ForbiddenException;
import io.github.openconnectors.reactor.InstanceQuery;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.OpenConnectorsException;
import io.github.openconnectors.reactor.ProtocolException;
import io.github.openconnectors.reactor.RateLimitedException;
import io.github.openconnectors.reactor.ServerException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The health of the service as the client sees it, {@code /actuator/health/openconnectors}: one
 * cheap authenticated call (the first instance of a one-item page), its answer reused for the
 * configured time so that probes do not each call the service. UP, or DOWN with the kind of
 * failure: {@code authentication}, {@code forbidden}, {@code unreachable}, {@code rate-limited},
 * {@code server-error}, {@code protocol}; with the status and the service's request id when there
 * was a response. While a 429's {@code Retry-After} holds the client's requests back, it answers at
 * once, without a request: DOWN, {@code rate-limited}, with {@code pausedFor} (the time left, ISO
 * 8601) and {@code pausedUntil} (an instant). Never a secret, and never the exception's message.
 */
public final class OpenConnectorsHealthIndicator implements ReactiveHealthIndicator {

  private final Mono<Health> check;

  /**
   * Checks through a client.
   *
   * @param client the client
   * @param cacheTime how long an answer is reused; zero checks on every call
   * @param timeout how long a check may take before it reports the service unreachable
   */
  public OpenConnectorsHealthIndicator(
      OpenConnectorsClient client, Duration cacheTime, Duration timeout) {
    Mono<Health> call =
        client
            .instancePages(InstanceQuery.all().withPageSize(1))
            .next()
            .map(page -> Health.up().build())
            .defaultIfEmpty(Health.up().build());
    // During a pause a call would only wait for its end: the pause is the answer, at once.
    Mono<Health> once =
        client
            .rateLimitPause()
            .map(OpenConnectorsHealthIndicator::paused)
            .switchIfEmpty(call)
            .timeout(timeout)
            .onErrorResume(failure -> Mono.just(down(failure)));
    this.check = cacheTime.isZero() || cacheTime.isNegative() ? once : once.cache(cacheTime);
  }

  @Override
  public Mono<Health> health() {
    return check;
  }

  static Health paused(Duration left) {
    Instant until =
        Instant.ofEpochMilli(Schedulers.parallel().now(TimeUnit.MILLISECONDS)).plus(left);
    return Health.down()
        .withDetail("failure", "rate-limited")
        .withDetail("pausedFor", left.toString())
        .withDetail("pausedUntil", until.toString())
        .build();
  }

  static Health down(Throwable failure) {
    Health.Builder down = Health.down().withDetail("failure", kind(failure));
    if (failure instanceof OpenConnectorsException known) {
      if (known.status() > 0) {
        down.withDetail("status", known.status());
      }
      known.requestId().ifPresent(requestId -> down.withDetail("requestId", requestId));
    }
    return down.build();
  }

  private static String kind(Throwable failure) {
    if (failure instanceof AuthenticationException) {
      return "authentication";
    }
    if (failure instanceof ForbiddenException) {
      return "forbidden";
    }
    if (failure instanceof RateLimitedException) {
      return "rate-limited";
    }
    if (failure instanceof ServerException) {
      return "server-error";
    }
    if (failure instanceof ConnectionException || failure instanceof TimeoutException) {
      return "unreachable";
    }
    if (failure instanceof ProtocolException) {
      return "protocol";
    }
    return failure instanceof OpenConnectorsException ? "refused" : "error";
  }
}
