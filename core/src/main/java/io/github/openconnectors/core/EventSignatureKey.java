package io.github.openconnectors.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * The key an instance signs its event notifications with: the value of its configuration's {@code
 * event.notification.signature.key}. It never travels in a header; {@link WebhookSignature} signs
 * and verifies bodies with it.
 *
 * <p>Like the header's secrets, it is validated when made (not null, not empty, at most {@value
 * Secret#MAX_LENGTH} characters, no line break), prints as {@code EventSignatureKey[REDACTED]},
 * compares in constant time, is told apart in logs by its {@link #fingerprint()}, and {@link
 * #reveal()} is the one way to its value. Any other character is allowed: the service takes the key
 * as text, and signs with its UTF-8 bytes.
 *
 * <pre>{@code
 * EventSignatureKey key = EventSignatureKey.of(System.getenv("OPEN_CONNECTORS_EVENT_SIGNATURE_KEY"));
 * boolean genuine = WebhookSignature.verify(key, body, request.getHeader("Elements-Webhook-Signature"));
 * }</pre>
 */
// hashCode reads the digest of the very bytes equals compares: consistent, though Error Prone
// cannot see it.
@SuppressWarnings("InconsistentHashCode")
public final class EventSignatureKey {

  private static final String KIND = "event signature key";

  private final String value;
  private final byte[] utf8;
  private final SecretDigest digest;

  private EventSignatureKey(String value) {
    this.value = value;
    this.utf8 = value.getBytes(StandardCharsets.UTF_8);
    this.digest = SecretDigest.of(utf8);
  }

  /**
   * Makes a key from its value.
   *
   * @param value the key as set in the instance's configuration
   * @return the key
   * @throws NullPointerException if value is null
   * @throws IllegalArgumentException if value is empty, longer than {@value Secret#MAX_LENGTH}
   *     characters, or holds a line break; the message never contains the value
   */
  public static EventSignatureKey of(String value) {
    if (value == null) {
      throw new NullPointerException(KIND + " must not be null");
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException(KIND + " must not be empty");
    }
    if (value.length() > Secret.MAX_LENGTH) {
      throw new IllegalArgumentException(
          KIND + " is longer than " + Secret.MAX_LENGTH + " characters");
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(
          KIND
              + " contains a line break (CR or LF); if it was read from a file, strip the trailing"
              + " newline");
    }
    return new EventSignatureKey(value);
  }

  /** The key's bytes as the HMAC takes them: a copy, so that no caller can change the key. */
  byte[] bytes() {
    return utf8.clone();
  }

  /**
   * The key's value: the one way out. Do not log it.
   *
   * @return the value exactly as given
   */
  public String reveal() {
    return value;
  }

  /**
   * A short, stable digest that tells keys apart in logs without revealing them: {@code sha256:}
   * and the first 8 hexadecimal digits of the SHA-256 digest of the key's UTF-8 bytes.
   *
   * @return for example {@code "sha256:1a2b3c4d"}
   */
  public String fingerprint() {
    return digest.fingerprint;
  }

  /**
   * Compares two keys in time that does not depend on where they differ.
   *
   * @param other the object to compare with
   * @return true if {@code other} is a key with the same value
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof EventSignatureKey that && MessageDigest.isEqual(utf8, that.utf8);
  }

  /**
   * A hash code derived from the value's digest, consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return digest.hash;
  }

  /**
   * A fixed text: never the value, nor its length.
   *
   * @return {@code "EventSignatureKey[REDACTED]"}
   */
  @Override
  public String toString() {
    return "EventSignatureKey[REDACTED]";
  }
}
