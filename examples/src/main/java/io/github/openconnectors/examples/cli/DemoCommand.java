package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Mono;

/**
 * {@code openconnectors demo}: the whole flow in a few seconds, against an embedded emulator, or
 * read-only against the tenant of {@code OPEN_CONNECTORS_BASE_URL}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Walks through what the library does: composed headers, a streamed listing, one instance,"
          + " a connector call through instance-token resolution, a refresh riding through"
          + " a rotated secret, and a write arriving as a signed, verified event.",
      "Without OPEN_CONNECTORS_BASE_URL it starts an embedded emulator with demo data; with it"
          + " and the secrets set, it runs the read-only steps against that tenant."
    })
final class DemoCommand implements Callable<Integer> {

  @ParentCommand @Nullable OpenConnectorsCli root;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--instances",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Generated instances of the embedded emulator. Default: ${DEFAULT-VALUE}.")
  long instances = 2000;

  @Option(
      names = "--connector-instance",
      paramLabel = "ID",
      description = "Against a tenant: the instance whose connector step 4 calls.")
  @Nullable Long connectorInstance;

  @Option(
      names = "--connector-path",
      paramLabel = "PATH",
      description = "Against a tenant: the resource step 4 lists, such as crm/contacts.")
  @Nullable String connectorPath;

  @Override
  public Integer call() {
    OpenConnectorsCli root = Objects.requireNonNull(this.root);
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    if (instances < 0) {
      throw new CliException(OpenConnectorsCli.USAGE, "--instances must not be negative");
    }
    String baseUrl = Service.baseUrl(root.environment());
    return baseUrl == null ? embedded(out) : tenant(out, baseUrl, root);
  }

  private int embedded(PrintWriter out) {
    long started = System.nanoTime();
    AtomicInteger vaultReads = new AtomicInteger();
    try (OpenConnectorsEmulator emulator = DemoData.start("127.0.0.1", 0, instances)) {
      // Stands for a vault or a secrets file: the emulator's current secrets, read on demand.
      Mono<Credentials> vault =
          Mono.fromSupplier(
              () -> {
                vaultReads.incrementAndGet();
                return emulator.platformCredentials();
              });
      CredentialsProvider provider = CachingCredentialsProvider.builder(vault).build();
      out.printf(
          "Open Connectors demo, against an embedded emulator at %s%n"
              + "(%,d generated instances and three named ones. Set %s and your secrets to run the"
              + " read-only steps against your tenant.)%n",
          emulator.baseUrl(), instances, Service.BASE_URL_VARIABLE);
      try (OpenConnectorsClient client = Service.client(emulator.baseUrl(), provider)) {
        DemoSteps steps = new DemoSteps(out, client, emulator);
        steps.headers(emulator.platformCredentials().withInstanceToken(DemoCredentials.TOKEN));
        steps.listing();
        steps.detail(DemoData.CRM_INSTANCE);
        steps.connector(DemoData.CRM_INSTANCE, DemoData.CRM_RESOURCE);
        steps.rotation(vaultReads);
        steps.events();
      }
    }
    done(out, started);
    return OpenConnectorsCli.OK;
  }

  private int tenant(PrintWriter out, String baseUrl, OpenConnectorsCli root) {
    long started = System.nanoTime();
    Credentials credentials = Service.credentials(root.environment());
    out.printf("Open Connectors demo, read-only against %s%n", baseUrl);
    try (OpenConnectorsClient client =
        Service.client(baseUrl, CredentialsProvider.of(credentials))) {
      DemoSteps steps = new DemoSteps(out, client, null);
      steps.headers(credentials);
      Long first = steps.listing();
      if (first == null) {
        steps.skipped(3, "the tenant has no instances to show");
      } else {
        steps.detail(first);
      }
      if (connectorInstance == null || connectorPath == null) {
        steps.skipped(
            4,
            "pass --connector-instance ID and --connector-path PATH (such as crm/contacts)"
                + " to call a connector");
      } else {
        steps.connector(connectorInstance, connectorPath);
      }
      steps.skipped(
          5,
          "rotating a secret would change your tenant; the demo without "
              + Service.BASE_URL_VARIABLE
              + " shows it on the emulator");
      steps.skipped(
          6,
          "events need an instance that calls back to this machine; the demo without "
              + Service.BASE_URL_VARIABLE
              + " shows them on the emulator, and events listen --port N receives a tenant's");
    }
    done(out, started);
    return OpenConnectorsCli.OK;
  }

  private static void done(PrintWriter out, long started) {
    out.printf(
        "%nDone in %.1f s. Next: instances list --demo --format ndjson, emulator, or the guide's"
            + " tour (docs/examples.md).%n",
        (System.nanoTime() - started) / 1e9);
  }
}
