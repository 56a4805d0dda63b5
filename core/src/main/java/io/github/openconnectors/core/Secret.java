package io.github.openconnectors.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * A secret that travels in the {@code Authorization} header: validated when made, never printed.
 *
 * <p>A secret refuses, when it is made, any value that could not travel as one part of the header:
 * null, empty, longer than {@value #MAX_LENGTH} characters, or holding a comma, whitespace, a line
 * break or other control character, or a non-ASCII character. The message of the exception names
 * the kind of secret and the reason, never the value.
 *
 * <p>{@link #toString()} is a fixed text that reveals neither the value nor its length; {@link
 * #equals(Object)} compares in constant time; {@link #fingerprint()} tells secrets apart in logs;
 * {@link #reveal()} is the one way to the value.
 *
 * <pre>{@code
 * UserSecret user = UserSecret.of(System.getenv("OPEN_CONNECTORS_USER_SECRET"));
 * log.info("using user secret {}", user.fingerprint()); // sha256:1a2b3c4d
 * }</pre>
 */
public abstract sealed class Secret
    permits UserSecret, OrganizationSecret, InstanceToken, BearerToken {

  /** The longest value accepted: far above real secrets, far below a server's header limit. */
  public static final int MAX_LENGTH = 4096;

  private final CredentialPart part;
  private final String value;

  /**
   * Computed on first use, not when the secret is made: a listing makes an instance token per
   * instance, and most are never fingerprinted or hashed. A race computes it twice, harmlessly.
   */
  private @Nullable SecretDigest digest;

  Secret(CredentialPart part, String value) {
    this.part = part;
    // No copy of the value's bytes is kept: a listing makes an instance token per instance.
    this.value = validate(part, value);
  }

  private byte[] ascii() {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  private SecretDigest digest() {
    SecretDigest known = digest;
    if (known == null) {
      known = SecretDigest.of(ascii());
      digest = known;
    }
    return known;
  }

  /**
   * Checks that {@code value} can travel as the given part of an {@code Authorization} header.
   *
   * @return the value, unchanged
   * @throws NullPointerException if value is null
   * @throws IllegalArgumentException if value is empty, too long or holds a character that cannot
   *     travel in the header; the message never contains the value
   */
  static String validate(CredentialPart part, @Nullable String value) {
    String kind = part.description();
    if (value == null) {
      throw new NullPointerException(kind + " must not be null");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(kind + " must not be empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(kind + " is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      String reason = refusalReason(value.charAt(i));
      if (reason != null) {
        throw new IllegalArgumentException(kind + " " + reason);
      }
    }
    return value;
  }

  /** Why {@code c} cannot travel in a header part, or null when it can. */
  static @Nullable String refusalReason(char c) {
    if (c > ' ' && c < 0x7f) {
      return c == ','
          ? "contains a comma, which separates the parts of the Authorization header"
          : null;
    }
    if (c == '\r' || c == '\n') {
      return "contains a line break (CR or LF), which could inject a header;"
          + " if it was read from a file, strip the trailing newline";
    }
    if (c == ' ' || c == '\t') {
      return "contains whitespace, which cannot travel in an Authorization header part";
    }
    if (c < ' ' || c == 0x7f) {
      return "contains a control character, which cannot travel in an HTTP header";
    }
    return "contains a non-ASCII character, which cannot travel in an HTTP header";
  }

  /**
   * The part of the {@code Authorization} header this secret travels in.
   *
   * @return the part, never null
   */
  public final CredentialPart part() {
    return part;
  }

  /**
   * The secret's value: the one way out. Do not log it.
   *
   * @return the value exactly as given when the secret was made
   */
  public final String reveal() {
    return value;
  }

  /**
   * A short, stable digest that tells secrets apart in logs without revealing them.
   *
   * <p>It is {@code "sha256:"} followed by the first 8 hexadecimal digits of the SHA-256 digest of
   * the value's ASCII bytes, so it can be checked by hand: {@code printf %s "$SECRET" | sha256sum |
   * cut -c1-8}.
   *
   * @return for example {@code "sha256:1a2b3c4d"}
   */
  public final String fingerprint() {
    return digest().fingerprint;
  }

  /**
   * Compares the values of two secrets of the same kind in time that does not depend on where they
   * differ.
   *
   * @param other the object to compare with
   * @return true if {@code other} is a secret of the same class with the same value
   */
  @Override
  public final boolean equals(@Nullable Object other) {
    return other instanceof Secret that
        && that.getClass() == getClass()
        && MessageDigest.isEqual(ascii(), that.ascii());
  }

  /**
   * A hash code derived from the value's digest, consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public final int hashCode() {
    return digest().hash;
  }

  /**
   * A fixed text naming the kind of secret: never the value, nor its length.
   *
   * @return for example {@code "UserSecret[REDACTED]"}
   */
  @Override
  public final String toString() {
    return getClass().getSimpleName() + "[REDACTED]";
  }
}
