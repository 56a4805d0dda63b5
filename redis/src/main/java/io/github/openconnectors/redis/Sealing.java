package io.github.openconnectors.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals values for Redis, which must not be able to read them: AES-256-GCM with a random 96-bit
 * nonce, the value's key as associated data (so that a sealed value moved to another key does not
 * open), and a keyed fingerprint in front, by which a refused value is recognised without opening
 * it. The two keys are derived from the application's key, one per use. Thread-safe.
 *
 * <p>Stored form: {@code <fingerprint, 32 hex digits>.<base64 of nonce, ciphertext and tag>}.
 */
final class Sealing {

  static final int FINGERPRINT_LENGTH = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryption;
  private final SecretKeySpec fingerprints;
  private final SecureRandom nonces;

  /**
   * @param key 32 bytes or more of the application's key
   * @param nonces made where blocking is allowed: seeding may read the system's entropy
   */
  Sealing(byte[] key, SecureRandom nonces) {
    if (key.length < 32) {
      throw new IllegalArgumentException(
          "the encryption key must have at least 32 bytes, had " + key.length);
    }
    this.encryption = new SecretKeySpec(derive(key, "openconnectors-redis encryption"), "AES");
    this.fingerprints =
        new SecretKeySpec(derive(key, "openconnectors-redis fingerprint"), "HmacSHA256");
    this.nonces = nonces;
  }

  /** The value sealed for {@code key}. */
  String seal(String key, String value) {
    byte[] nonce = new byte[NONCE_BYTES];
    nonces.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
      byte[] box = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
      byte[] stored = ByteBuffer.allocate(NONCE_BYTES + box.length).put(nonce).put(box).array();
      return fingerprint(value) + "." + Base64.getEncoder().encodeToString(stored);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable: " + e.getClass().getName(), null);
    }
  }

  /**
   * The value sealed for {@code key}, or empty if it does not open: sealed with another key, for
   * another key, or altered. Never says what it held.
   */
  Optional<String> open(String key, String stored) {
    int dot = stored.indexOf('.');
    if (dot != FINGERPRINT_LENGTH) {
      return Optional.empty();
    }
    try {
      byte[] box = Base64.getDecoder().decode(stored.substring(dot + 1));
      if (box.length <= NONCE_BYTES) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE, encryption, new GCMParameterSpec(TAG_BITS, box, 0, NONCE_BYTES));
      cipher.updateAAD(key.getBytes(StandardCharsets.UTF_8));
      byte[] value = cipher.doFinal(box, NONCE_BYTES, box.length - NONCE_BYTES);
      return Optional.of(new String(value, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** A keyed fingerprint of a value: equal values, equal fingerprints; nothing about the value. */
  String fingerprint(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(fingerprints);
      byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, FINGERPRINT_LENGTH / 2);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", null);
    }
  }

  private static byte[] derive(byte[] key, String use) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(use.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", null);
    }
  }

  @Override
  public String toString() {
    return "Sealing[AES-256-GCM]";
  }
}
