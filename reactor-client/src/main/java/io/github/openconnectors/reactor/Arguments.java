package io.github.openconnectors.reactor;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks of the builders' and policies' arguments, each written once: the message names the
 * argument as its setter does and gives the value refused (none of them is a secret).
 */
final class Arguments {

  private Arguments() {}

  /** A duration above zero. */
  static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  /** A duration of zero or more. */
  static Duration notNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
    return duration;
  }

  /** A number above zero. */
  static long positive(long value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /** A number of zero or more. */
  static int notNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  /** Text with something besides whitespace. */
  static String notBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
