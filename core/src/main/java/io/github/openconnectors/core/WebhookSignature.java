package io.github.openconnectors.core;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The signature of an event notification, the header {@value #HEADER}: {@code sha256=} and the
 * base64 of the HMAC-SHA256 of the raw body under the instance's {@link EventSignatureKey}
 * (instances made before the service moved to SHA-256 send {@code sha1=} and an HMAC-SHA1).
 *
 * <p>Verify the bytes as they arrived, before parsing them: a body parsed and written again is not
 * the body that was signed.
 *
 * <pre>{@code
 * if (!WebhookSignature.verify(key, body, headers.getFirst(WebhookSignature.HEADER))) {
 *   return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
 * }
 * }</pre>
 */
public final class WebhookSignature {

  /** The header that carries the signature. */
  public static final String HEADER = "Elements-Webhook-Signature";

  /** The header that names a delivery, the same on each of its redeliveries. */
  public static final String ID_HEADER = "Elements-Webhook-Id";

  private WebhookSignature() {}

  /**
   * Signs a body as the service does.
   *
   * @param key the instance's key
   * @param body the raw body
   * @return the header's value, {@code sha256=} and a base64 HMAC-SHA256
   */
  public static String sign(EventSignatureKey key, byte[] body) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(body, "body");
    return "sha256=" + Base64.getEncoder().encodeToString(hmac(Algorithm.SHA256, key, body));
  }

  /**
   * Whether a body carries a genuine signature under a key: {@code sha256=} (or the older {@code
   * sha1=}) and the base64 HMAC of the body, compared in constant time.
   *
   * @param key the instance's key
   * @param body the raw body, as it arrived
   * @param headerValue the {@value #HEADER} header's value, or null when there was none
   * @return true if the signature is genuine; false, never an exception, for a missing, malformed
   *     or wrong one
   */
  public static boolean verify(EventSignatureKey key, byte[] body, @Nullable String headerValue) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(body, "body");
    if (headerValue == null) {
      return false;
    }
    String value = headerValue.strip();
    int equals = value.indexOf('=');
    if (equals <= 0) {
      return false;
    }
    Algorithm algorithm = Algorithm.named(value.substring(0, equals));
    if (algorithm == null) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(value.substring(equals + 1));
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    // isEqual compares in time that depends on the lengths only, which are public.
    return MessageDigest.isEqual(hmac(algorithm, key, body), given);
  }

  private static byte[] hmac(Algorithm algorithm, EventSignatureKey key, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm.jca);
      mac.init(new SecretKeySpec(key.bytes(), algorithm.jca));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform provides HmacSHA256 and HmacSHA1 (Mac's own contract); a non-empty key
      // is always valid for them.
      throw new IllegalStateException(algorithm.jca + " is not available", e);
    }
  }

  /** The algorithms a signature may name. */
  private enum Algorithm {
    SHA256("sha256", "HmacSHA256"),
    SHA1("sha1", "HmacSHA1");

    final String prefix;
    final String jca;

    Algorithm(String prefix, String jca) {
      this.prefix = prefix;
      this.jca = jca;
    }

    static @Nullable Algorithm named(String prefix) {
      String name = prefix.toLowerCase(Locale.ROOT);
      for (Algorithm algorithm : values()) {
        if (algorithm.prefix.equals(name)) {
          return algorithm;
        }
      }
      return null;
    }
  }
}
