package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * The service answered 401 Unauthorized: the credentials were refused (the service answers 401 for
 * an invalid user secret, organization secret or instance token).
 */
public final class AuthenticationException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  AuthenticationException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
