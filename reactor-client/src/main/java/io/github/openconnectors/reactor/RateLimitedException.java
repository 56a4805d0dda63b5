package io.github.openconnectors.reactor;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The service answered 429 Too Many Requests, passing a provider's rate limit through. */
public final class RateLimitedException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  RateLimitedException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }

  /**
   * How long the server asked to wait before trying again, from its {@code Retry-After} header
   * (seconds or an HTTP date).
   *
   * @return the wait, or empty when the header was absent, in the past or unreadable
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfterHint());
  }
}
