package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/** The service answered a 5xx status: the service or the connected provider failed. */
public final class ServerException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  ServerException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
