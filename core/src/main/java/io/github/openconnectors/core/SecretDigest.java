package io.github.openconnectors.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the SHA-256 digest of a secret's bytes gives: its fingerprint, {@code sha256:} and the first
 * 8 hexadecimal digits (checkable by hand: {@code printf %s "$SECRET" | sha256sum | cut -c1-8}),
 * and a hash code. Final fields: safe to share.
 */
final class SecretDigest {

  private static final HexFormat HEX = HexFormat.of();

  final String fingerprint;
  final int hash;

  private SecretDigest(byte[] sha256) {
    this.fingerprint = "sha256:" + HEX.formatHex(sha256, 0, 4);
    this.hash =
        (sha256[4] & 0xff) << 24
            | (sha256[5] & 0xff) << 16
            | (sha256[6] & 0xff) << 8
            | (sha256[7] & 0xff);
  }

  static SecretDigest of(byte[] bytes) {
    try {
      return new SecretDigest(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's own contract).
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
