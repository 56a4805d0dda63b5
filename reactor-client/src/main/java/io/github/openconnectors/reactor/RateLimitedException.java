package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * The service answered 429 Too Many Requests, passing a provider's rate limit through; {@link
 * #retryAfter()} says how long it asked to wait.
 */
public final class RateLimitedException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  RateLimitedException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
