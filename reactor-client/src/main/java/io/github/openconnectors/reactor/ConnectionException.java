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

  /** Whether the request was written, or begun to be, before the failure. */
  private final boolean requestSent;

  ConnectionException(
      ErrorContext context,
      String problem,
      @Nullable Throwable cause,
      boolean transientFailure,
      boolean requestSent) {
    super(context, problem, cause);
    this.transientFailure = transientFailure;
    this.requestSent = requestSent;
  }

  /**
   * Whether the request may have reached the server: true once a connection was made and the client
   * began to write the request, whatever happened next; false when the failure came before (the
   * connection was refused, could not be made in time, or TLS refused the server). A write that was
   * not sent is re-sent by the retry policy; one that may have been is not, unless the caller
   * declared it idempotent ({@link ConnectorClient#withIdempotentWrites()}).
   *
   * @return whether the server may have received the request
   */
  public boolean requestSent() {
    return requestSent;
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
