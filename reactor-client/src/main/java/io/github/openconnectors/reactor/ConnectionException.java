package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * No response arrived: the connection could not be made, was closed before the response, or the
 * response did not start in time. {@link #status()} is 0. Retried for GET requests.
 */
public final class ConnectionException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  ConnectionException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
