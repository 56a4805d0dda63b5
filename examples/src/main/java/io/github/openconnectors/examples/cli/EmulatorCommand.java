package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.Secret;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openconnectors emulator}: the demo's emulator in the foreground, for a local development
 * loop. Its secrets are the demo ones ({@code header --demo --reveal} shows them).
 */
@Command(
    name = "emulator",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a local Open Connectors emulator with the demo data, until Ctrl-C.",
      "It takes the demo secrets (header --demo --reveal shows them) and instance "
          + DemoData.CRM_INSTANCE
          + " has contacts at "
          + DemoData.CRM_RESOURCE
          + "."
    })
final class EmulatorCommand implements Callable<Integer> {

  @ParentCommand @Nullable OpenConnectorsCli root;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "Default: ${DEFAULT-VALUE}; 0 for any free port.")
  int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "The address to listen on. Default: ${DEFAULT-VALUE}.")
  String host = "127.0.0.1";

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Generated instances, besides the demo's named ones. Default: ${DEFAULT-VALUE}.")
  long instances = 1000;

  // The demo secrets are the help page's, public, and always printed: the export lines work when
  // pasted. Still accepted, so that scripts written when it was needed keep working.
  @Option(names = "--print-secrets", hidden = true)
  boolean printSecrets;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    if (port < 0 || port > 65_535) {
      throw new CliException(OpenConnectorsCli.USAGE, "--port must be from 0 to 65535");
    }
    if (instances < 0) {
      throw new CliException(OpenConnectorsCli.USAGE, "--instances must not be negative");
    }
    OpenConnectorsEmulator emulator;
    try {
      emulator = DemoData.start(host, port, instances);
    } catch (RuntimeException e) {
      throw new CliException(
          OpenConnectorsCli.FAILURE,
          "could not listen on "
              + host
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); choose another with --port");
    }
    try (emulator) {
      Credentials credentials = emulator.platformCredentials();
      out.println("Open Connectors emulator listening on " + emulator.baseUrl());
      out.println(
          "Demo data: "
              + instances
              + " generated instances and three named ones; instance "
              + DemoData.CRM_INSTANCE
              + " has contacts at "
              + DemoData.CRM_RESOURCE
              + ".");
      out.println("To use it from another shell:");
      out.println("  export " + Service.BASE_URL_VARIABLE + "=" + emulator.baseUrl());
      out.println(
          "  export "
              + Credentials.USER_SECRET_VARIABLE
              + "="
              + shown(credentials.userSecret().orElseThrow()));
      out.println(
          "  export "
              + Credentials.ORGANIZATION_SECRET_VARIABLE
              + "="
              + shown(credentials.organizationSecret().orElseThrow()));
      out.println("  java -jar examples/target/openconnectors-cli.jar instances list");
      out.println(
          "Log-in: "
              + OpenConnectorsEmulator.DEFAULT_USERNAME
              + " / "
              + OpenConnectorsEmulator.DEFAULT_PASSWORD);
      out.println("Stop with Ctrl-C.");
      out.flush();
      Objects.requireNonNull(root).foreground().awaitStop(emulator);
    }
    return OpenConnectorsCli.OK;
  }

  private static String shown(Secret secret) {
    // Single-quoted: the demo secrets hold '+', '/' and '=' which some shells would expand.
    return "'" + secret.reveal() + "'";
  }
}
