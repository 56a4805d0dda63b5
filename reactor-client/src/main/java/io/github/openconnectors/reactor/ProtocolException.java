package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/**
 * The response could not be read: a malformed or truncated body, a connection dropped mid-body, a
 * wrong content type, an instance above the size limit, or a paging cursor the service had already
 * given. A listing that meets one ends with this error, never silently shorter.
 */
public final class ProtocolException extends OpenConnectorsException {

  private static final long serialVersionUID = 1L;

  ProtocolException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(context, problem, cause);
  }
}
