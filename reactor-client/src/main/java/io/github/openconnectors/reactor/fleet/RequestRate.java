package io.github.openconnectors.reactor.fleet;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How many requests a scope (an organization, a connector instance) may send per period, spaced
 * evenly: {@code RequestRate.of(100, Duration.ofSeconds(1))} lets one request go every 10 ms, so a
 * fleet of replicas sharing the budget never crosses the limit in any window, even at its start.
 */
public final class RequestRate {

  private final int requests;
  private final Duration per;
  private final long intervalNanos;

  private RequestRate(int requests, Duration per) {
    this.requests = requests;
    this.per = per;
    this.intervalNanos = Math.max(1, per.toNanos() / requests);
  }

  /**
   * A rate of {@code requests} per {@code per}.
   *
   * @param requests at least 1
   * @param per a positive period
   * @return the rate
   * @throws IllegalArgumentException if requests is less than 1 or per not positive
   */
  public static RequestRate of(int requests, Duration per) {
    if (requests < 1) {
      throw new IllegalArgumentException("requests must be at least 1, was " + requests);
    }
    Objects.requireNonNull(per, "per");
    if (per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("per must be positive, was " + per);
    }
    return new RequestRate(requests, per);
  }

  /**
   * The number of requests in each period.
   *
   * @return at least 1
   */
  public int requests() {
    return requests;
  }

  /**
   * The period.
   *
   * @return a positive duration
   */
  public Duration per() {
    return per;
  }

  /**
   * The time between two requests: the period divided by the number of requests.
   *
   * @return a positive duration
   */
  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  long intervalNanos() {
    return intervalNanos;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof RequestRate rate && rate.requests == requests && rate.per.equals(per);
  }

  @Override
  public int hashCode() {
    return 31 * requests + per.hashCode();
  }

  /**
   * Says the rate.
   *
   * @return such as {@code "100 per PT1S"}
   */
  @Override
  public String toString() {
    return requests + " per " + per;
  }
}
