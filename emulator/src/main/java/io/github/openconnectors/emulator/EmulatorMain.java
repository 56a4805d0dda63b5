package io.github.openconnectors.emulator;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

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
 * print generated secrets, which are otherwise redacted.
 */
public final class EmulatorMain {

  private EmulatorMain() {}

  /**
   * Starts the emulator and serves until the process is stopped.
   *
   * @param args the options above
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws InterruptedException {
    OpenConnectorsEmulator emulator;
    boolean printSecrets;
    try {
      Options options = Options.parse(args);
      printSecrets = options.printSecrets;
      emulator = options.builder.start();
    } catch (IllegalArgumentException e) {
      System.err.println("openconnectors-emulator: " + e.getMessage());
      System.err.println(
          "usage: [--port N] [--host H] [--instances N] [--seed N] [--records N]"
              + " [--user-secret S] [--organization-secret S] [--instance ID:TOKEN]..."
              + " [--account USER:PASSWORD]... [--print-secrets]");
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  emulator.close();
                  stopped.countDown();
                }));
    describe(emulator, printSecrets, System.out);
    stopped.await();
  }

  static void describe(OpenConnectorsEmulator emulator, boolean printSecrets, PrintStream out) {
    var header = emulator.platformCredentials().authorizationFor(ApiKind.PLATFORM);
    out.println("Open Connectors emulator listening on " + emulator.baseUrl());
    out.println(
        "Platform requests: Authorization: " + (printSecrets ? header.value() : header.redacted()));
    if (!printSecrets) {
      out.println(
          "(secrets redacted: choose them with --user-secret and --organization-secret,"
              + " or show them with --print-secrets)");
    }
    out.println(
        "Log-in: " + OpenConnectorsEmulator.DEFAULT_USERNAME + " unless --account was given");
    out.println("Stop with Ctrl-C.");
  }

  /** The command line, parsed. */
  static final class Options {
    final OpenConnectorsEmulator.Builder builder =
        OpenConnectorsEmulator.builder().port(8080).instances(100);
    boolean printSecrets;

    static Options parse(String[] args) {
      Options options = new Options();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--print-secrets")) {
          options.printSecrets = true;
          continue;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("unknown option or missing value: " + name);
        }
        String value = args[++i];
        OpenConnectorsEmulator.Builder builder = options.builder;
        switch (name) {
          case "--port" -> builder.port(number(name, value));
          case "--host" -> builder.host(value);
          case "--instances" -> builder.instances(number(name, value));
          case "--seed" -> builder.seed(number(name, value));
          case "--records" -> builder.recordsPerInstance(number(name, value));
          case "--user-secret" -> builder.userSecret(UserSecret.of(value));
          case "--organization-secret" -> builder.organizationSecret(OrganizationSecret.of(value));
          case "--instance" -> {
            String[] idAndToken = pair(name, value, "ID:TOKEN");
            builder.instance(
                EmulatedInstance.builder(
                        number(name, idAndToken[0]), InstanceToken.of(idAndToken[1]))
                    .build());
          }
          case "--account" -> {
            String[] account = pair(name, value, "USER:PASSWORD");
            builder.account(account[0], account[1]);
          }
          default -> throw new IllegalArgumentException("unknown option: " + name);
        }
      }
      return options;
    }

    private static int number(String name, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " needs a whole number", e);
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
