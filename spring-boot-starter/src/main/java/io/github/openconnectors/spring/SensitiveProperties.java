package io.github.openconnectors.spring;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The starter's properties that hold a secret, and those that hold a URL whose user-info may hold
 * one: the one list that Actuator's masking ({@link OpenConnectorsActuatorAutoConfiguration}) reads
 * and that the configuration metadata's descriptions state ("Never shown by Actuator", checked by
 * the starter's tests against this list both ways).
 *
 * <p>A key is compared with its separators and case removed, so that one entry covers every form in
 * which a property source names it: {@code openconnectors.redis.key} (properties), {@code
 * openconnectors.redis.key} and {@code userSecret} (configprops, qualified), {@code
 * OPENCONNECTORS_REDIS_KEY} (the environment), and the variables the README sets, such as {@code
 * OPEN_CONNECTORS_USER_SECRET}.
 */
final class SensitiveProperties {

  static final String PREFIX = "openconnectors.";

  /** Properties whose whole value is a secret, as the metadata names them. */
  static final List<String> SECRETS =
      List.of(
          "openconnectors.user-secret",
          "openconnectors.organization-secret",
          "openconnectors.instance-token",
          "openconnectors.password",
          "openconnectors.redis.key",
          "openconnectors.events.signature-key",
          "openconnectors.events.previous-signature-key");

  /**
   * Properties holding a URL: their user-info (a password, or a Redis password alone) is hidden.
   */
  static final List<String> URLS = List.of("openconnectors.base-url", "openconnectors.redis.url");

  /**
   * Environment variables that hold a secret and are no property of the starter: the ones {@code
   * Credentials.fromEnvironment()} reads and the guide's Spring Boot configuration refers to.
   */
  static final List<String> SECRET_VARIABLES =
      List.of(
          "OPEN_CONNECTORS_USER_SECRET",
          "OPEN_CONNECTORS_ORGANIZATION_SECRET",
          "OPEN_CONNECTORS_INSTANCE_TOKEN",
          "OPEN_CONNECTORS_BEARER_TOKEN");

  private static final List<String> SECRET_KEYS =
      Stream.concat(SECRETS.stream(), SECRET_VARIABLES.stream())
          .map(SensitiveProperties::normalized)
          .toList();

  private static final List<String> URL_KEYS =
      URLS.stream().map(SensitiveProperties::normalized).toList();

  /** Shown in place of a secret, or of a URL's user-info: Spring Boot's own mask. */
  static final String MASK = "******";

  private SensitiveProperties() {}

  /** Whether a key, in any of the forms above, names a secret. */
  static boolean isSecret(String key) {
    return SECRET_KEYS.contains(normalized(key));
  }

  /** Whether a key, in any of the forms above, names a URL property. */
  static boolean isUrl(String key) {
    return URL_KEYS.contains(normalized(key));
  }

  /**
   * The URL with its user-info replaced by {@link #MASK}: {@code redis://default:pw@host:6379} ->
   * {@code redis://******@host:6379}. A value that holds an {@code @} but no {@code scheme://} is
   * masked whole: it may still hold a password.
   */
  static String withoutUserInfo(String url) {
    int authority = url.indexOf("://");
    if (authority < 0) {
      return url.indexOf('@') < 0 ? url : MASK;
    }
    authority += 3;
    int end = authority;
    while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    int at = url.lastIndexOf('@', end - 1);
    if (at < authority) {
      return url;
    }
    return url.substring(0, authority) + MASK + url.substring(at);
  }

  /**
   * The key in lower case without separators: {@code OPENCONNECTORS_REDIS_KEY}, {@code redisKey}.
   */
  static String normalized(@Nullable String key) {
    if (key == null) {
      return "";
    }
    StringBuilder letters = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        letters.append(c);
      }
    }
    return letters.toString().toLowerCase(Locale.ROOT);
  }
}
