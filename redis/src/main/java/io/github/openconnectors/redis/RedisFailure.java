package io.github.openconnectors.redis;

/** A failure of Redis or of the connection to it; never a failure of a value's source. */
final class RedisFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  RedisFailure(Throwable cause) {
    super("Redis failed: " + cause.getClass().getSimpleName(), cause, false, false);
  }

  /** The kind of failure, for a log line: its class, never a message that could hold a value. */
  String describe() {
    Throwable cause = getCause();
    return cause == null ? "unknown" : cause.getClass().getSimpleName();
  }
}
