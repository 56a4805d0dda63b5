package io.github.openconnectors.reactor;

import java.io.ByteArrayOutputStream;

/**
 * Collects an error body up to a limit; the rest is read and dropped, so the connection is drained.
 */
final class BoundedBytes {

  static final int LIMIT = 64 * 1024;

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

  void add(byte[] chunk) {
    int room = LIMIT - bytes.size();
    if (room > 0) {
      bytes.write(chunk, 0, Math.min(room, chunk.length));
    }
  }

  byte[] bytes() {
    return bytes.toByteArray();
  }
}
