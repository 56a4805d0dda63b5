package io.github.openconnectors.spring;

import java.util.List;

/**
 * The {@code openconnectors.*} settings cannot make a client: a setting is missing or bad. Its
 * message names the properties and the fault, never a value; {@link
 * OpenConnectorsPropertiesFailureAnalyzer} turns it into start-up's failure analysis.
 */
final class InvalidOpenConnectorsPropertiesException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> properties;
  private final String action;

  InvalidOpenConnectorsPropertiesException(String problem, List<String> properties, String action) {
    // No cause: a cause's message or stack could carry what the problem leaves out.
    super(problem);
    this.properties = List.copyOf(properties);
    this.action = action;
  }

  /** The properties to set or correct, such as {@code openconnectors.base-url}. */
  List<String> properties() {
    return properties;
  }

  /** What to do about it. */
  String action() {
    return action;
  }
}
