package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * The service answered 409 Conflict: the write contradicts the record as it is now, such as a
 * create of a record that exists. Never retried: the same write meets the same conflict.
 */
public final class ConflictException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  ConflictException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
