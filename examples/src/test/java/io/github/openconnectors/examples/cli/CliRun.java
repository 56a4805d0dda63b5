package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the tool in-process, as the shell would, and keeps what it printed. */
final class CliRun {

  private CliRun() {}

  static Result run(Map<String, String> environment, String... args) {
    return run(environment, false, server -> {}, args);
  }

  /** As {@link #run(Map, String...)}, as if stderr were a terminal or not, serving until told. */
  static Result run(
      Map<String, String> environment,
      boolean stderrIsTerminal,
      OpenConnectorsCli.Foreground foreground,
      String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        OpenConnectorsCli.run(
            args,
            environment::get,
            stderrIsTerminal,
            foreground,
            new PrintWriter(out),
            new PrintWriter(err));
    return new Result(exitCode, lines(out), lines(err));
  }

  /** The environment of a user of this emulator's tenant: its URL and platform secrets. */
  static Map<String, String> environment(OpenConnectorsEmulator emulator) {
    Credentials credentials = emulator.platformCredentials();
    return Map.of(
        Service.BASE_URL_VARIABLE,
        emulator.baseUrl(),
        Credentials.USER_SECRET_VARIABLE,
        credentials.userSecret().orElseThrow().reveal(),
        Credentials.ORGANIZATION_SECRET_VARIABLE,
        credentials.organizationSecret().orElseThrow().reveal());
  }

  /** Compare lines the same way on every platform. */
  static String lines(StringWriter written) {
    return written.toString().replace(System.lineSeparator(), "\n");
  }

  /** What a run printed, and how it ended. */
  record Result(int exitCode, String out, String err) {}
}
