package io.github.openconnectors.examples.cli;

import picocli.CommandLine.Option;

/** {@code --demo}: where the commands that call the service send their requests. */
final class ServiceOptions {

  /** How many generated instances the embedded emulator of {@code --demo} serves. */
  static final long DEMO_INSTANCES = 1_000;

  @Option(
      names = "--demo",
      description =
          "Use an embedded emulator with demo data instead of the tenant of"
              + " OPEN_CONNECTORS_BASE_URL.")
  boolean demo;

  Service open(OpenConnectorsCli root) {
    return demo ? Service.demo(DEMO_INSTANCES) : Service.fromEnvironment(root.environment());
  }
}
