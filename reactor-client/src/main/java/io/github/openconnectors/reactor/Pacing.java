package io.github.openconnectors.reactor;

import io.github.openconnectors.reactor.fleet.RateBudget;
import io.github.openconnectors.reactor.fleet.RequestRate;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The rate budget's scopes of one kind of request: the organization's for every request, and for
 * the connector API also the instance's. A 429 pauses the narrowest scope: a connector's 429 is its
 * provider's limit, which the organization's other instances do not share.
 */
final class Pacing {

  private final RateBudget budget;
  private final String organization;
  private final @Nullable RequestRate organizationRate;
  private final @Nullable String instance;
  private final @Nullable RequestRate instanceRate;
  private final Duration longestPause;

  Pacing(
      RateBudget budget,
      String organization,
      @Nullable RequestRate organizationRate,
      Duration longestPause) {
    this(budget, organization, organizationRate, null, null, longestPause);
  }

  private Pacing(
      RateBudget budget,
      String organization,
      @Nullable RequestRate organizationRate,
      @Nullable String instance,
      @Nullable RequestRate instanceRate,
      Duration longestPause) {
    this.budget = budget;
    this.organization = organization;
    this.organizationRate = organizationRate;
    this.instance = instance;
    this.instanceRate = instanceRate;
    this.longestPause = longestPause;
  }

  /** The pacing of one connector instance's requests, within the organization's. */
  Pacing forInstance(String scope, @Nullable RequestRate rate) {
    return new Pacing(budget, organization, organizationRate, scope, rate, longestPause);
  }

  /** Completes when an attempt may be sent. */
  Mono<Void> beforeSending() {
    Mono<Void> organizationTurn = budget.acquire(organization, organizationRate);
    String scope = instance;
    return scope == null
        ? organizationTurn
        : organizationTurn.then(Mono.defer(() -> budget.acquire(scope, instanceRate)));
  }

  /** How long a 429 still holds back the organization's requests; empty when none does. */
  Mono<Duration> organizationPauseLeft() {
    return budget.pauseLeft(organization);
  }

  /**
   * Pauses the scope for a 429's {@code Retry-After}, no longer than the retry policy would wait
   * for one: a longer wait fails the request, and should not stop every other request for hours.
   */
  Mono<Void> refused(RateLimitedException refused) {
    Duration retryAfter = refused.retryAfterHint();
    if (retryAfter == null || retryAfter.isZero()) {
      return Mono.empty();
    }
    Duration pause = retryAfter.compareTo(longestPause) <= 0 ? retryAfter : longestPause;
    return budget.pause(instance != null ? instance : organization, pause);
  }
}
