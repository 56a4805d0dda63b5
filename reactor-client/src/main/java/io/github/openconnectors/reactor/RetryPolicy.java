package io.github.openconnectors.reactor;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * When a GET request is tried again: after a connection failure, 429, 502, 503 or 504, with
 * exponential backoff and jitter, waiting as long as the server's {@code Retry-After} asks when it
 * sends one. Other statuses are never retried; a 401 goes to the credential flow, not here.
 *
 * <p>Immutable. The defaults: 3 retries, backoff from 200 ms doubling up to 5 s, jitter 0.5, and a
 * {@code Retry-After} of at most 30 s honoured (a longer one fails the request at once with its
 * {@link RateLimitedException}, which carries the wait). When retries run out, the last failure is
 * what the request fails with.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.defaults().withMaxRetries(5).withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2));
 * }</pre>
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS =
      new RetryPolicy(
          3, Duration.ofMillis(200), Duration.ofSeconds(5), 0.5, Duration.ofSeconds(30));

  private final int maxRetries;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final double jitter;
  private final Duration maxRetryAfter;

  private RetryPolicy(
      int maxRetries,
      Duration minBackoff,
      Duration maxBackoff,
      double jitter,
      Duration maxRetryAfter) {
    this.maxRetries = maxRetries;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
    this.jitter = jitter;
    this.maxRetryAfter = maxRetryAfter;
  }

  /**
   * The default policy.
   *
   * @return 3 retries, 200 ms to 5 s backoff, jitter 0.5, {@code Retry-After} up to 30 s
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A policy that never retries.
   *
   * @return the policy
   */
  public static RetryPolicy none() {
    return DEFAULTS.withMaxRetries(0);
  }

  /**
   * A copy with this many retries after the first attempt.
   *
   * @param maxRetries 0 or more
   * @return the policy
   * @throws IllegalArgumentException if maxRetries is negative
   */
  public RetryPolicy withMaxRetries(int maxRetries) {
    Arguments.notNegative(maxRetries, "maxRetries");
    return new RetryPolicy(maxRetries, minBackoff, maxBackoff, jitter, maxRetryAfter);
  }

  /**
   * A copy whose backoff starts at {@code min} and doubles up to {@code max}.
   *
   * @param min the first backoff, positive
   * @param max the largest backoff, at least min
   * @return the policy
   * @throws IllegalArgumentException if min is not positive or max is below min
   */
  public RetryPolicy withBackoff(Duration min, Duration max) {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < min <= max, was min " + min + " and max " + max);
    }
    return new RetryPolicy(maxRetries, min, max, jitter, maxRetryAfter);
  }

  /**
   * A copy with this jitter: each backoff is moved at random by up to this fraction of itself.
   *
   * @param jitter from 0 (none) to 1
   * @return the policy
   * @throws IllegalArgumentException if jitter is outside 0 to 1
   */
  public RetryPolicy withJitter(double jitter) {
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be from 0 to 1, was " + jitter);
    }
    return new RetryPolicy(maxRetries, minBackoff, maxBackoff, jitter, maxRetryAfter);
  }

  /**
   * A copy that honours a server's {@code Retry-After} up to this long; a longer wait fails the
   * request with its {@link RateLimitedException} instead of waiting.
   *
   * @param maxRetryAfter zero or more
   * @return the policy
   */
  public RetryPolicy withMaxRetryAfter(Duration maxRetryAfter) {
    Arguments.notNegative(maxRetryAfter, "maxRetryAfter");
    return new RetryPolicy(maxRetries, minBackoff, maxBackoff, jitter, maxRetryAfter);
  }

  /**
   * How many retries follow a failed first attempt.
   *
   * @return the number of retries
   */
  public int maxRetries() {
    return maxRetries;
  }

  /** The longest {@code Retry-After} the policy waits for. */
  Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** As a Reactor {@link Retry}: waits on Reactor's parallel scheduler, so virtual time works. */
  Retry toRetry() {
    return toRetry(failure -> {});
  }

  /** As {@link #toRetry()}, telling {@code onRetry} of each failure it is about to try again. */
  Retry toRetry(Consumer<Throwable> onRetry) {
    return toRetry(onRetry, failure -> true);
  }

  /**
   * As {@link #toRetry(Consumer)}, retrying only the failures {@code mayResend} accepts: for a
   * write, those the server surely did not act on ({@link #surelyNotDone}).
   */
  Retry toRetry(Consumer<Throwable> onRetry, Predicate<Throwable> mayResend) {
    return Retry.from(
        signals ->
            signals.concatMap(
                signal -> {
                  Throwable failure = signal.failure();
                  long attempt = signal.totalRetries();
                  Duration delay =
                      attempt < maxRetries && mayResend.test(failure)
                          ? delayFor(failure, attempt)
                          : null;
                  if (delay == null) {
                    return Mono.error(failure);
                  }
                  onRetry.accept(failure);
                  return Mono.delay(delay).thenReturn(signal);
                }));
  }

  /** The wait before retry number {@code attempt + 1}, or null when this failure is not retried. */
  @Nullable Duration delayFor(Throwable failure, long attempt) {
    if (!isRetryable(failure)) {
      return null;
    }
    Duration retryAfter = ((OpenConnectorsException) failure).retryAfterHint();
    if (retryAfter != null) {
      return retryAfter.compareTo(maxRetryAfter) <= 0 ? retryAfter : null;
    }
    return backoff(attempt, ThreadLocalRandom.current().nextDouble(-1, 1));
  }

  /**
   * Exponential backoff for an attempt, moved by {@code random} (from -1 to 1) times the jitter.
   */
  Duration backoff(long attempt, double random) {
    long min = minBackoff.toNanos();
    long max = maxBackoff.toNanos();
    double exponential = Math.scalb((double) min, (int) Math.min(attempt, 62));
    double base = Math.min(exponential, (double) max);
    double jittered = base + base * jitter * random;
    return Duration.ofNanos((long) Math.max((double) min, Math.min((double) max, jittered)));
  }

  /**
   * Whether a failed write surely left the server untouched, so that sending it again cannot do it
   * twice: it was never sent (the connection was refused or never made), or the server refused it
   * with a 429 and a {@code Retry-After}, before processing it.
   */
  static boolean surelyNotDone(Throwable failure) {
    return (failure instanceof ConnectionException connection && !connection.requestSent())
        || (failure instanceof RateLimitedException limited && limited.retryAfter().isPresent());
  }

  static boolean isRetryable(Throwable failure) {
    return failure instanceof OpenConnectorsException known && known.isTransient();
  }

  /**
   * Describes the policy.
   *
   * @return for example {@code "RetryPolicy[maxRetries=3, backoff=PT0.2S..PT5S, jitter=0.5,
   *     maxRetryAfter=PT30S]"}
   */
  @Override
  public String toString() {
    return "RetryPolicy[maxRetries="
        + maxRetries
        + ", backoff="
        + minBackoff
        + ".."
        + maxBackoff
        + ", jitter="
        + jitter
        + ", maxRetryAfter="
        + maxRetryAfter
        + "]";
  }
}
