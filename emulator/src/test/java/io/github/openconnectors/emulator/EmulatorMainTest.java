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
      String redacted = describe(emulator, false);
      String revealed = describe(emulator, true);

      assertThat(redacted)
          .contains("listening on " + emulator.baseUrl())
          .contains("Authorization: User [REDACTED], Organization [REDACTED]")
          .doesNotContain(emulator.userSecret().reveal());
      assertThat(revealed).contains("User " + emulator.userSecret().reveal());
    }
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
        .isThrownBy(() -> EmulatorMain.Options.parse(new String[] {"--user-secret", "a b"}))
        .withMessage(
            "user secret contains whitespace, which cannot travel in an Authorization header part");
  }

  private static String describe(OpenConnectorsEmulator emulator, boolean printSecrets) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EmulatorMain.describe(
        emulator, printSecrets, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
