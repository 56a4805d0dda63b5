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
 */
final class Placeholders {

  // A name as Spring's placeholders and environment variables spell it; anything else, even
  // inside "${...}", is not echoed, so a message can never carry part of a value.
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]+)");

  private Placeholders() {}

  /**
   * The value, if it holds no placeholder.
   *
   * @param property the property's name under {@code openconnectors.}, such as {@code user-secret}
   * @throws InvalidOpenConnectorsPropertiesException naming the property and the variable to set
   */
  static @Nullable String resolved(@Nullable String value, String property) {
    if (value == null || !value.contains("${")) {
      return value;
    }
    Matcher placeholder = PLACEHOLDER.matcher(value);
    String name = placeholder.find() ? placeholder.group(1) : null;
    String full = ClientFromProperties.PREFIX + property;
    if (name == null) {
      throw new InvalidOpenConnectorsPropertiesException(
          full + " holds a placeholder (${...}) that nothing resolved",
          List.of(full),
          "Define what the placeholder names, or set " + full + " directly.");
    }
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
