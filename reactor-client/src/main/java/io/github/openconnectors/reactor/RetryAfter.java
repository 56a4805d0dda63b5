package io.github.openconnectors.reactor;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** Reads a {@code Retry-After} header: delay-seconds or an HTTP date. */
final class RetryAfter {

  private RetryAfter() {}

  /**
   * The wait the header asks for, or null when it is absent, unreadable, or a date not in the
   * future: then the retry policy's own backoff applies.
   */
  static @Nullable Duration parse(@Nullable String header, long nowMillis) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // However many digits: a wait too long to count is longer than any limit, never garbage.
      return Duration.ofSeconds(value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value));
    }
    try {
      long at =
          ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
              .toInstant()
              .toEpochMilli();
      return at > nowMillis ? Duration.ofMillis(at - nowMillis) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
