package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * The service answered 403 Forbidden: the credentials are valid but may not do this, or the
 * instance is disabled.
 */
public final class ForbiddenException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  ForbiddenException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
