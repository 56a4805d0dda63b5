package io.github.openconnectors.reactor.fleet;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A value to share through a {@link SharedCache}, with the instant it expires, when known. Its
 * {@link #toString()} never shows the value, which is a secret.
 */
public final class SharedValue {

  private final String value;
  private final @Nullable Instant expiresAt;

  private SharedValue(String value, @Nullable Instant expiresAt) {
    this.value = Objects.requireNonNull(value, "value");
    this.expiresAt = expiresAt;
  }

  /**
   * A value that expires.
   *
   * @param value the value
   * @param expiresAt when it stops being valid; a store keeps it no longer
   * @return the shared value
   */
  public static SharedValue expiring(String value, Instant expiresAt) {
    return new SharedValue(value, Objects.requireNonNull(expiresAt, "expiresAt"));
  }

  /**
   * A value valid until it is refused.
   *
   * @param value the value
   * @return the shared value
   */
  public static SharedValue untilRefused(String value) {
    return new SharedValue(value, null);
  }

  /**
   * The value.
   *
   * @return the value, a secret
   */
  public String value() {
    return value;
  }

  /**
   * When the value expires.
   *
   * @return the instant, or empty when the value is valid until refused
   */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Describes the value without showing it.
   *
   * @return for example {@code "SharedValue[expiresAt=2026-11-29T12:00:00Z]"}
   */
  @Override
  public String toString() {
    return "SharedValue[expiresAt=" + (expiresAt != null ? expiresAt : "never") + "]";
  }
}
