package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/** The service answered 404 Not Found: there is no such resource. */
public final class NotFoundException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  NotFoundException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
