package io.github.openconnectors.reactor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names what a fleet shares: a value in its shared cache (a log-in's token, an instance's token), a
 * scope of its rate budget (the organization, an instance).
 */
final class FleetKeys {

  private FleetKeys() {}

  /**
   * What it is, and a digest of the service's base URL and of what tells it apart there (a
   * username, an instance id), so that two services or two users never share a value, and no key
   * shows whom it belongs to.
   */
  static String of(URI baseUrl, String kind, String of) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((baseUrl + "\n" + of).getBytes(StandardCharsets.UTF_8));
      return kind + ":" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
