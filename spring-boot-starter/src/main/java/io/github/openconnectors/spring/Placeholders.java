package io.github.openconnectors.spring;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Refuses a setting that is still a placeholder. Spring Boot binds {@code ${NAME}} literally when
 * nothing defines {@code NAME} (its property sources ignore what they cannot resolve), so {@code
 * openconnectors.user-secret=${OPEN_CONNECTORS_USER_SECRET}} without the variable would otherwise
 * start an application whose every request is refused.
 *
 * <p>Only a value that is a placeholder as a whole counts: a password may hold placeholder text in
 * its middle (escaped for Spring), and a message must never quote a part of it.
 */
final class Placeholders {

  // The whole value "${NAME}" or "${NAME:default}", NAME spelt as Spring's placeholders and
  // environment variables spell it: what the message quotes is that name, never a value.
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]+)(?::.*)?}");

  private Placeholders() {}

  /**
   * The value, unless it is a placeholder that nothing resolved.
   *
   * @param property the property's name under {@code openconnectors.}, such as {@code user-secret}
   * @throws InvalidOpenConnectorsPropertiesException naming the property and the variable to set
   */
  static @Nullable String resolved(@Nullable String value, String property) {
    if (value == null) {
      return null;
    }
    Matcher placeholder = PLACEHOLDER.matcher(value);
    if (!placeholder.matches()) {
      return value;
    }
    String name = placeholder.group(1);
    String full = ClientFromProperties.PREFIX + property;
    throw new InvalidOpenConnectorsPropertiesException(
        full + " is the placeholder ${" + name + "}, and nothing defines " + name,
        List.of(full),
        "Set the environment variable "
            + name
            + " (or a property of that name) before starting the application, or set "
            + full
            + " directly.");
  }
}
