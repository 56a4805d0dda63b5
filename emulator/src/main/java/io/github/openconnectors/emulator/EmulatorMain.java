package io.github.openconnectors.emulator;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import reactor.netty.ChannelBindException;

/**
 * Runs the emulator in the foreground, for a local development loop.
 *
 * <pre>
 * java -jar emulator/target/openconnectors-emulator-0.1.0-SNAPSHOT-standalone.jar \
 *     --port 8080 --instances 1000 \
 *     --user-secret 'sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii' \
 *     --organization-secret 58168435e3b9959a929eb04b6218b9a2 \
 *     --instance '1234:yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3'
 * </pre>
 *
 * <p>Options: {@code --port N} (default 8080), {@code --host H} (default 127.0.0.1), {@code
 * --instances N} generated instances (default 100), {@code --seed N}, {@code --records N} per
 * connector resource, {@code --user-secret S}, {@code --organization-secret S}, {@code --instance
 * ID:TOKEN} (repeatable), {@code --account USER:PASSWORD} (repeatable), {@code --print-secrets} to
 * print generated secrets, which are otherwise redacted, and {@code --help}. A value follows its
 * option as the next argument or after {@code =}. An unknown or malformed option exits with 2 and a
 * message naming the option, never its value; a port in use exits with 1 and one line.
 */
public final class EmulatorMain {

  private EmulatorMain() {}

  static final String USAGE =
      "usage: openconnectors-emulator [--port N] [--host H] [--instances N] [--seed N]"
          + " [--records N] [--user-secret S] [--organization-secret S] [--instance ID:TOKEN]..."
          + " [--account USER:PASSWORD]... [--print-secrets] [--help]\n"
          + "Options take their value as the next argument or after '='.";

  /**
   * Starts the emulator and serves until the process is stopped.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    int exit =
        launch(
            args,
            System.out,
            System.err,
            emulator -> {
              CountDownLatch stopped = new CountDownLatch(1);
              Runtime.getRuntime()
                  .addShutdownHook(
                      new Thread(
                          () -> {
                            emulator.close();
                            stopped.countDown();
                          }));
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Parses the options, starts the emulator, describes it and hands it to {@code serve}.
   *
   * @return the exit code: 0 (served, or help), 2 (a bad option), 1 (it could not start)
   */
  static int launch(
      String[] args, PrintStream out, PrintStream err, Consumer<OpenConnectorsEmulator> serve) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      // The messages name the option, never its value: a value may be a secret.
      err.println("openconnectors-emulator: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options.help) {
      out.println(USAGE);
      return 0;
    }
    OpenConnectorsEmulator emulator;
    try {
      emulator = options.builder.start();
    } catch (ChannelBindException e) {
      err.println(
          "openconnectors-emulator: cannot listen on "
              + options.host
              + ":"
              + options.port
              + ": the address is in use or not this machine's (choose another with --port or"
              + " --host)");
      return 1;
    }
    describe(emulator, options, out);
    serve.accept(emulator);
    return 0;
  }

  static void describe(OpenConnectorsEmulator emulator, Options options, PrintStream out) {
    var header = emulator.platformCredentials().authorizationFor(ApiKind.PLATFORM);
    out.println("Open Connectors emulator listening on " + emulator.baseUrl());
    out.println(
        "Platform requests: Authorization: "
            + (options.printSecrets ? header.value() : header.redacted()));
    if (!options.printSecrets) {
      out.println(
          options.userSecretChosen && options.organizationSecretChosen
              ? "(secrets redacted: they are the ones you chose; show them with --print-secrets)"
              : "(secrets redacted: choose them with --user-secret and --organization-secret,"
                  + " or show them with --print-secrets)");
    }
    if (!isLoopback(options.host)
        && !options.seedChosen
        && !(options.userSecretChosen && options.organizationSecretChosen)) {
      out.println(
          "Warning: listening beyond loopback with secrets generated from the public default"
              + " seed: anyone can compute them. Choose --user-secret and --organization-secret,"
              + " or a --seed of your own.");
    }
    out.println(
        "Log-in: " + OpenConnectorsEmulator.DEFAULT_USERNAME + " unless --account was given");
    out.println("Stop with Ctrl-C.");
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /** The command line, parsed. */
  static final class Options {
    final OpenConnectorsEmulator.Builder builder =
        OpenConnectorsEmulator.builder().port(8080).instances(100);
    String host = "127.0.0.1";
    int port = 8080;
    boolean printSecrets;
    boolean help;
    boolean seedChosen;
    boolean userSecretChosen;
    boolean organizationSecretChosen;

    /**
     * Parses the options.
     *
     * @throws IllegalArgumentException naming the option and what is wrong, never quoting a value
     */
    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String argument = args[i];
        int equals = argument.indexOf('=');
        String name = equals < 0 ? argument : argument.substring(0, equals);
        if (name.equals("--print-secrets") || name.equals("--help") || name.equals("-h")) {
          if (equals >= 0) {
            throw new IllegalArgumentException(name + " takes no value");
          }
          options.printSecrets |= name.equals("--print-secrets");
          options.help |= !name.equals("--print-secrets");
          continue;
        }
        if (!OPTIONS_WITH_VALUES.contains(name)) {
          throw new IllegalArgumentException("unknown option: " + name);
        }
        if (equals < 0 && i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        options.take(name, equals < 0 ? args[++i] : argument.substring(equals + 1));
      }
      return options;
    }

    private static final Set<String> OPTIONS_WITH_VALUES =
        Set.of(
            "--port",
            "--host",
            "--instances",
            "--seed",
            "--records",
            "--user-secret",
            "--organization-secret",
            "--instance",
            "--account");

    private void take(String name, String value) {
      switch (name) {
        case "--port" -> {
          port = number(name, value);
          builder.port(port);
        }
        case "--host" -> {
          host = value;
          builder.host(host);
        }
        case "--instances" -> builder.instances(number(name, value));
        case "--seed" -> {
          builder.seed(number(name, value));
          seedChosen = true;
        }
        case "--records" -> builder.recordsPerInstance(number(name, value));
        case "--user-secret" -> {
          builder.userSecret(UserSecret.of(value));
          userSecretChosen = true;
        }
        case "--organization-secret" -> {
          builder.organizationSecret(OrganizationSecret.of(value));
          organizationSecretChosen = true;
        }
        case "--instance" -> {
          String[] idAndToken = pair(name, value, "ID:TOKEN");
          builder.instance(
              EmulatedInstance.builder(number(name, idAndToken[0]), InstanceToken.of(idAndToken[1]))
                  .build());
        }
        default -> {
          String[] account = pair(name, value, "USER:PASSWORD");
          builder.account(account[0], account[1]);
        }
      }
    }

    private static int number(String name, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a whole number", null);
      }
    }

    private static String[] pair(String name, String value, String shape) {
      int colon = value.indexOf(':');
      if (colon < 1 || colon == value.length() - 1) {
        throw new IllegalArgumentException(name + " needs " + shape);
      }
      return new String[] {value.substring(0, colon), value.substring(colon + 1)};
    }
  }
}
