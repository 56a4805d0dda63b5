package io.github.openconnectors.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Describes a start-up that failed on the {@code openconnectors.*} settings: what is wrong, which
 * properties to set, never their values.
 */
final class OpenConnectorsPropertiesFailureAnalyzer
    extends AbstractFailureAnalyzer<InvalidOpenConnectorsPropertiesException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, InvalidOpenConnectorsPropertiesException cause) {
    return new FailureAnalysis(
        "The Open Connectors client could not be configured: "
            + cause.getMessage()
            + "\n\nProperties: "
            + String.join(", ", cause.properties()),
        cause.action(),
        cause);
  }
}
