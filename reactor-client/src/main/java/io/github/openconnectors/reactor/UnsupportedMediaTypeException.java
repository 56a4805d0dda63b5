package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * The service answered 415 Unsupported Media Type: it does not take the body as it was sent (the
 * client sends JSON; a connector that takes another format is out of this client's reach). Never
 * retried.
 */
public final class UnsupportedMediaTypeException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  UnsupportedMediaTypeException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
