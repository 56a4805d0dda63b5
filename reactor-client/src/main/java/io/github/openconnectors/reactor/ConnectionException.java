package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * No response arrived: the connection could not be made, was closed before the response, or the
 * response did not start in time, or TLS refused the server. {@link #status()} is 0. Retried for
 * GET requests, except a TLS handshake or certificate failure, which a retry cannot mend ({@link
 * #isTransient()} is false).
 */
public final class ConnectionException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  /** Whether trying again may help. */
  private final boolean transientFailure;

  ConnectionException(
      ErrorContext context, String problem, @Nullable Throwable cause, boolean transientFailure) {
    super(context, problem, cause);
    this.transientFailure = transientFailure;
  }

  /**
   * Whether the same request may succeed if tried again: true, except when TLS refused the server.
   *
   * @return whether a retry can help
   */
  @Override
  public boolean isTransient() {
    return transientFailure;
  }
}
