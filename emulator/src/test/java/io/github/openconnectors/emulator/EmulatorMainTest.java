package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmulatorMainTest {

  static final String USER = "sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii";
  static final String ORGANIZATION = "58168435e3b9959a929eb04b6218b9a2";
  static final String TOKEN = "yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3";

  @Test
  void theHelpPagesCurlExampleRunsAgainstTheOptionsOfTheDocumentedCommand() {
    EmulatorMain.Options options =
        EmulatorMain.Options.parse(
            new String[] {
              "--port",
              "0",
              "--instances",
              "20",
              "--user-secret",
              USER,
              "--organization-secret",
              ORGANIZATION,
              "--instance",
              "1234:" + TOKEN,
            });

    try (OpenConnectorsEmulator emulator = options.builder.start()) {
      String helpPage = "User " + USER + ", Organization " + ORGANIZATION + ", Token " + TOKEN;
      Http http = new Http(emulator);

      assertThat(http.get("/instances", helpPage).headers().firstValue("Elements-Total-Count"))
          .hasValue("21");
      assertThat(http.get("/hubs/crm/accounts", helpPage).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void describesItselfWithRedactedSecretsUnlessAsked() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      String redacted = describe(emulator);
      String revealed = describe(emulator, "--print-secrets");

      assertThat(redacted)
          .contains("listening on " + emulator.baseUrl())
          .contains("Authorization: User [REDACTED], Organization [REDACTED]")
          .contains("choose them with --user-secret and --organization-secret")
          .doesNotContain(emulator.userSecret().reveal())
          .doesNotContain("Warning");
      assertThat(revealed).contains("User " + emulator.userSecret().reveal());
    }
  }

  @Test
  void secretsYouChoseAreNotOfferedToBeChosen() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      assertThat(describe(emulator, "--user-secret", USER, "--organization-secret", ORGANIZATION))
          .contains(
              "(secrets redacted: they are the ones you chose; show them with --print-secrets)")
          .doesNotContain("choose them")
          .doesNotContain(USER);
    }
  }

  @Test
  void listeningBeyondLoopbackOnThePublicSeedIsWarnedAbout() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().start()) {
      String warning = "Warning: listening beyond loopback with secrets generated from the public";
      assertThat(describe(emulator, "--host", "0.0.0.0")).contains(warning);
      assertThat(describe(emulator, "--host", "0.0.0.0", "--seed", "981")).doesNotContain(warning);
      assertThat(describe(emulator, "--host", "127.0.0.1")).doesNotContain(warning);
    }
  }

  @Test
  void helpIsPrintedAndExitsWithZero() {
    Launched launched = launch("--help");

    assertThat(launched.exit).isZero();
    assertThat(launched.out).startsWith("usage: openconnectors-emulator [--port N]");
    assertThat(launched.err).isEmpty();
  }

  @Test
  void anUnknownOrMalformedOptionIsNamedWithoutItsValue() {
    for (String[] args :
        new String[][] {
          {"--user-secre=hunter2-secret"},
          {"--user-secret=hunter2 secret"},
          {"--password", "hunter2-secret"},
          {"--print-secrets=hunter2-secret"},
          {"--user-secret"},
        }) {
      Launched launched = launch(args);

      assertThat(launched.exit).as(String.join(" ", args)).isEqualTo(2);
      assertThat(launched.err)
          .startsWith("openconnectors-emulator: ")
          .contains("usage:")
          .doesNotContain("hunter2");
    }
    assertThat(launch("--user-secre=hunter2-secret").err)
        .startsWith("openconnectors-emulator: unknown option: --user-secre\n");
  }

  @Test
  void aValueMayFollowItsOptionAfterAnEqualsSign() {
    EmulatorMain.Options options =
        EmulatorMain.Options.parse(new String[] {"--port=0", "--user-secret=" + USER});

    try (OpenConnectorsEmulator emulator = options.builder.start()) {
      assertThat(emulator.userSecret().reveal()).isEqualTo(USER);
    }
  }

  @Test
  void aPortInUseIsOneLineAndExitCodeOne() {
    try (OpenConnectorsEmulator taken = OpenConnectorsEmulator.builder().start()) {
      Launched launched = launch("--port", String.valueOf(taken.port()));

      assertThat(launched.exit).isEqualTo(1);
      assertThat(launched.err)
          .isEqualTo(
              "openconnectors-emulator: cannot listen on 127.0.0.1:"
                  + taken.port()
                  + ": the address is in use or not this machine's (choose another with --port or"
                  + " --host)\n");
    }
  }

  @Test
  void servesWhatItDescribes() {
    Launched launched = launch("--port", "0", "--instances", "3");

    assertThat(launched.exit).isZero();
    assertThat(launched.served).isTrue();
    assertThat(launched.out).contains("Open Connectors emulator listening on http://127.0.0.1:");
  }

  /** What one launch printed and returned; the emulator, if started, is closed at once. */
  static final class Launched {
    int exit;
    String out = "";
    String err = "";
    boolean served;
  }

  private static Launched launch(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Launched launched = new Launched();
    launched.exit =
        EmulatorMain.launch(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            emulator -> {
              launched.served = true;
              emulator.close();
            });
    launched.out = out.toString(StandardCharsets.UTF_8);
    launched.err = err.toString(StandardCharsets.UTF_8);
    return launched;
  }

  @Test
  void refusesBadOptionsClearly() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--port", "eighty"}))
        .withMessage("--port needs a whole number");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--instance", "1234"}))
        .withMessage("--instance needs ID:TOKEN");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--verbose", "yes"}))
        .withMessage("unknown option: --verbose");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--user-secret"}))
        .withMessage("--user-secret needs a value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--user-secret", "a b"}))
        .withMessage(
            "user secret contains whitespace, which cannot travel in an Authorization header part");
  }

  private static String describe(OpenConnectorsEmulator emulator, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EmulatorMain.describe(
        emulator,
        EmulatorMain.Options.parse(args),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
