package io.github.openconnectors.reactor.fleet;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * How fast requests may go, per scope: an organization's requests, one connector instance's. The
 * client asks the budget before every attempt it sends and tells it of every 429 that came with a
 * {@code Retry-After}, so that all of its requests in that scope wait, not only the refused one.
 *
 * <p>{@link #local()} keeps the budget in this client, and is what a client has by default; the
 * {@code openconnectors-redis} module keeps it in Redis, so that every replica of an application
 * spends one budget and a 429 seen by one replica pauses them all. {@link
 * io.github.openconnectors.reactor.OpenConnectorsClient.Builder#rateBudget(RateBudget)} plugs one
 * in, and {@link
 * io.github.openconnectors.reactor.OpenConnectorsClient.Builder#rateLimit(RequestRate)} and {@link
 * io.github.openconnectors.reactor.OpenConnectorsClient.Builder#instanceRateLimit(RequestRate)} set
 * the rates.
 *
 * <p>An implementation never fails: without its store, it keeps the budget locally.
 */
public interface RateBudget {

  /**
   * Completes, empty, when one request in {@code scope} may be sent: at once while the rate leaves
   * room and no pause is on, later otherwise. When a pause ends, the requests that waited for it go
   * spread over a tenth of the pause, not all at once.
   *
   * @param scope names what the rate applies to, the same in every replica; never a secret
   * @param rate the scope's rate, or null for none: then only pauses hold requests back
   * @return completes when the request may go; never fails
   */
  Mono<Void> acquire(String scope, @Nullable RequestRate rate);

  /**
   * Holds every request in {@code scope} back until {@code retryAfter} has passed: the service
   * refused one with 429 and asked to wait that long. A shorter pause never shortens a longer one.
   *
   * @param scope names what the pause applies to
   * @param retryAfter how long the service asked to wait
   * @return completes once the pause is recorded; never fails
   */
  Mono<Void> pause(String scope, Duration retryAfter);

  /**
   * How long requests in {@code scope} are still held back by a pause, so that a caller such as a
   * health check can report it instead of waiting it out. Sends no request to the service.
   *
   * <p>The default answers empty, as a budget that cannot tell does.
   *
   * @param scope names what the pause applies to
   * @return the time left of the pause, or empty when none is on; never fails
   */
  default Mono<Duration> pauseLeft(String scope) {
    return Mono.empty();
  }

  /**
   * A budget kept in this process alone, on Reactor's parallel scheduler's clock.
   *
   * @return a new budget, with no scope paused
   */
  static RateBudget local() {
    return new LocalRateBudget();
  }
}
