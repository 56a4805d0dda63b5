package io.github.openconnectors.examples.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code openconnectors} command-line tool.
 *
 * <pre>
 * java -jar examples/target/openconnectors-cli.jar header --demo --kind both
 * </pre>
 *
 * <p>Exit codes: 0 success, 1 anything else, 2 usage error, 3 missing or invalid credentials.
 */
@Command(
    name = "openconnectors",
    mixinStandardHelpOptions = true,
    versionProvider = OpenConnectorsCli.Version.class,
    description = "Works with SAP Open Connectors credentials and the Authorization header.",
    subcommands = {HeaderCommand.class, CommandLine.HelpCommand.class})
public final class OpenConnectorsCli implements Callable<Integer> {

  /** Exit code of a successful run. */
  static final int OK = 0;

  /** Exit code of a command line that could not be understood. */
  static final int USAGE = CommandLine.ExitCode.USAGE;

  /** Exit code of missing or refused credentials. */
  static final int AUTHENTICATION = 3;

  private final Function<String, @Nullable String> environment;

  @Spec @Nullable CommandSpec spec;

  OpenConnectorsCli(Function<String, @Nullable String> environment) {
    this.environment = environment;
  }

  /**
   * Runs the tool and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Charset charset = Charset.defaultCharset();
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    System.exit(run(args, System::getenv, out, err));
  }

  /** Runs the tool with the given environment and streams: what {@link #main} and tests call. */
  static int run(
      String[] args,
      Function<String, @Nullable String> environment,
      PrintWriter out,
      PrintWriter err) {
    CommandLine cli = new CommandLine(new OpenConnectorsCli(environment));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (failure, command, parsed) -> {
          if (failure instanceof CliException refusal) {
            err.println("openconnectors: " + refusal.getMessage());
            return refusal.exitCode();
          }
          throw failure;
        });
    int exitCode = cli.execute(args);
    out.flush();
    err.flush();
    return exitCode;
  }

  Function<String, @Nullable String> environment() {
    return environment;
  }

  /** With no subcommand: say what there is, as a usage error. */
  @Override
  public Integer call() {
    CommandLine commandLine = Objects.requireNonNull(spec).commandLine();
    commandLine.getErr().println("openconnectors: a subcommand is required");
    commandLine.usage(commandLine.getErr());
    return USAGE;
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
