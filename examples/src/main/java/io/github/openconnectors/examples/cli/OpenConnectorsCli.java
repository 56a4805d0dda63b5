package io.github.openconnectors.examples.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code openconnectors} command-line tool.
 *
 * <pre>
 * java -jar examples/target/openconnectors-cli.jar demo
 * java -jar examples/target/openconnectors-cli.jar instances list --tag prod --format ndjson
 * </pre>
 *
 * <p>Exit codes: 0 success, 1 anything else, 2 usage error, 3 missing, invalid or refused
 * credentials, 4 not found.
 */
@Command(
    name = "openconnectors",
    mixinStandardHelpOptions = true,
    versionProvider = OpenConnectorsCli.Version.class,
    description = "Works with SAP Open Connectors: credentials, instances and connectors.",
    subcommands = {
      DemoCommand.class,
      InstancesCommand.class,
      ConnectorCommand.class,
      EventsCommand.class,
      HeaderCommand.class,
      EmulatorCommand.class,
      CommandLine.HelpCommand.class
    })
public final class OpenConnectorsCli implements Callable<Integer> {

  /** Exit code of a successful run. */
  static final int OK = 0;

  /** Exit code of anything else that went wrong. */
  static final int FAILURE = 1;

  /** Exit code of a command line that could not be understood. */
  static final int USAGE = CommandLine.ExitCode.USAGE;

  /** Exit code of missing, invalid or refused credentials. */
  static final int AUTHENTICATION = 3;

  /** Exit code of an instance or record that does not exist. */
  static final int NOT_FOUND = 4;

  private final Function<String, @Nullable String> environment;
  private final boolean stderrIsTerminal;
  private final Foreground foreground;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Also print the libraries' own log (Reactor, Netty), debug lines included.")
  boolean verbose;

  OpenConnectorsCli(
      Function<String, @Nullable String> environment,
      boolean stderrIsTerminal,
      Foreground foreground) {
    this.environment = environment;
    this.stderrIsTerminal = stderrIsTerminal;
    this.foreground = foreground;
  }

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    LibraryLogs.useJdkLogging();
    // UTF-8 whatever the platform's default: names carry it, and jq and terminals expect it.
    Charset charset = StandardCharsets.UTF_8;
    // Not flushed per line: listings flush once per batch of rows (see Printing).
    PrintWriter out =
        new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, charset)));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    System.exit(
        run(
            args,
            System::getenv,
            Progress.stderrIsTerminal(),
            Foreground.untilShutdown(),
            out,
            err));
  }

  /** Runs the tool as tests do: no terminal, and a foreground server that stops at once. */
  static int run(
      String[] args,
      Function<String, @Nullable String> environment,
      PrintWriter out,
      PrintWriter err) {
    return run(args, environment, false, server -> {}, out, err);
  }

  /** Runs the tool with the given environment and streams: what {@link #main} and tests call. */
  static int run(
      String[] args,
      Function<String, @Nullable String> environment,
      boolean stderrIsTerminal,
      Foreground foreground,
      PrintWriter out,
      PrintWriter err) {
    OpenConnectorsCli root = new OpenConnectorsCli(environment, stderrIsTerminal, foreground);
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionStrategy(
        parsed -> {
          LibraryLogs.show(root.verbose);
          return new CommandLine.RunLast().execute(parsed);
        });
    cli.setExecutionExceptionHandler(
        (failure, command, parsed) -> {
          out.flush();
          err.println("openconnectors: " + Failures.describe(failure));
          return Failures.exitCode(failure);
        });
    int exitCode = cli.execute(args);
    out.flush();
    err.flush();
    return exitCode;
  }

  Function<String, @Nullable String> environment() {
    return environment;
  }

  boolean stderrIsTerminal() {
    return stderrIsTerminal;
  }

  Foreground foreground() {
    return foreground;
  }

  /** With no subcommand: say what there is, as a usage error. */
  @Override
  public Integer call() {
    CommandLine commandLine = Objects.requireNonNull(spec).commandLine();
    commandLine.getErr().println("openconnectors: a subcommand is required; try: demo");
    commandLine.usage(commandLine.getErr());
    return USAGE;
  }

  /** How a command that serves in the foreground waits to be stopped. */
  @FunctionalInterface
  interface Foreground {

    /** Returns when the server should stop; the caller then closes it. */
    void awaitStop(AutoCloseable server) throws InterruptedException;

    /** Until Ctrl-C: the shutdown hook closes the server, since the JVM exits right after. */
    static Foreground untilShutdown() {
      return server -> {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        server.close();
                      } catch (Exception e) {
                        // Exiting anyway: nothing is left to tell.
                      } finally {
                        stopped.countDown();
                      }
                    },
                    "openconnectors-shutdown"));
        stopped.await();
      };
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = OpenConnectorsCli.class.getPackage().getImplementationVersion();
      return new String[] {"openconnectors " + (version == null ? "(development build)" : version)};
    }
  }
}
