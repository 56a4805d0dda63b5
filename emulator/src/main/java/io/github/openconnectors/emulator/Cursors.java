package io.github.openconnectors.emulator;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque page cursors, as {@code Elements-Next-Page-Token} carries them.
 *
 * <p>A cursor holds the last id served and a digest of the query it belongs to, signed with a key
 * of this emulator run. It is standard base64 that always starts with {@code +} and ends with
 * {@code ==}: a client that does not percent-encode it sends a space, and gets 400. A cursor from
 * another run, for another query, or altered, is refused.
 */
final class Cursors {

  // 0xF8 as the first byte makes the first base64 character '+'; 25 bytes end in "==".
  private static final byte VERSION = (byte) 0xF8;
  private static final int LENGTH = 1 + 8 + 4 + 12;

  private final SecretKeySpec key;

  Cursors(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** A cursor that resumes {@code query} after {@code afterId}. */
  String issue(String query, long afterId) {
    ByteBuffer payload =
        ByteBuffer.allocate(LENGTH).put(VERSION).putLong(afterId).putInt(query.hashCode());
    payload.put(mac(payload.array(), 13), 0, 12);
    return Base64.getEncoder().encodeToString(payload.array());
  }

  /**
   * The id to resume after.
   *
   * @throws InvalidCursorException if the cursor is malformed, forged, or from another query or run
   */
  long resume(String query, String cursor) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidCursorException(
          "Invalid nextPage: not a page token of this service (was it percent-encoded?)");
    }
    if (bytes.length != LENGTH || bytes[0] != VERSION) {
      throw new InvalidCursorException("Invalid nextPage: not a page token of this service");
    }
    byte[] expected = Arrays.copyOf(mac(bytes, 13), 12);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(bytes, 13, LENGTH))) {
      throw new InvalidCursorException("Invalid nextPage: the page token is forged or expired");
    }
    ByteBuffer payload = ByteBuffer.wrap(bytes, 1, 12);
    long afterId = payload.getLong();
    if (payload.getInt() != query.hashCode()) {
      throw new InvalidCursorException("Invalid nextPage: the page token belongs to another query");
    }
    return afterId;
  }

  private byte[] mac(byte[] bytes, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(bytes, 0, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * The identity of a query, for {@link #issue} and {@link #resume}: its parts but the page size.
   */
  static String queryKey(String... parts) {
    return String.join("\n", parts);
  }

  /** A cursor the emulator refuses with 400. */
  static final class InvalidCursorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    InvalidCursorException(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }

    /** What is wrong with the cursor, as the 400's message says it. */
    String reason() {
      return reason;
    }
  }
}
