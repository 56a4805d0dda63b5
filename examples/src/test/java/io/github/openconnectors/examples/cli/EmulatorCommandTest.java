package io.github.openconnectors.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.examples.cli.CliRun.Result;
import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EmulatorCommandTest {

  @Test
  void servesTheDemoDataUntilStoppedAndSaysHowToUseIt() {
    AtomicReference<List<Instance>> listed = new AtomicReference<>();
    // The foreground step runs while the emulator serves: a client of it lists the instances.
    OpenConnectorsCli.Foreground useIt =
        server -> {
          try (OpenConnectorsClient client =
              OpenConnectorsClient.builder()
                  .baseUrl(((OpenConnectorsEmulator) server).baseUrl())
                  .credentials(DemoCredentials.CREDENTIALS)
                  .build()) {
            listed.set(client.instances().collectList().block());
          }
        };

    Result result =
        CliRun.run(Map.of(), false, useIt, "emulator", "--port", "0", "--instances", "20");

    assertThat(result.exitCode()).isZero();
    assertThat(listed.get()).hasSize(23);
    Matcher url =
        Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+/elements/api-v2)\n")
            .matcher(result.out());
    assertThat(url.find()).isTrue();
    assertThat(result.out())
        .contains(
            "  export OPEN_CONNECTORS_BASE_URL=" + url.group(1) + "\n",
            // The demo secrets are public: the lines work when pasted.
            "  export "
                + Credentials.USER_SECRET_VARIABLE
                + "='"
                + DemoCredentials.USER.reveal()
                + "'\n",
            "  export "
                + Credentials.ORGANIZATION_SECRET_VARIABLE
                + "='"
                + DemoCredentials.ORGANIZATION.reveal()
                + "'\n",
            "Stop with Ctrl-C.\n")
        .doesNotContain("REDACTED");
  }

  @Test
  void stillAcceptsPrintSecretsFromOlderScripts() {
    Result result =
        CliRun.run(Map.of(), false, server -> {}, "emulator", "--port", "0", "--print-secrets");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "  export "
                + Credentials.USER_SECRET_VARIABLE
                + "='"
                + DemoCredentials.USER.reveal()
                + "'\n");
  }

  @Test
  void aPortInUseSaysToChooseAnother() {
    AtomicReference<Result> second = new AtomicReference<>();
    OpenConnectorsCli.Foreground startAnotherOnTheSamePort =
        server -> {
          int port = ((OpenConnectorsEmulator) server).port();
          second.set(
              CliRun.run(Map.of(), false, s -> {}, "emulator", "--port", Integer.toString(port)));
        };

    CliRun.run(Map.of(), false, startAnotherOnTheSamePort, "emulator", "--port", "0");

    assertThat(second.get().exitCode()).isEqualTo(1);
    assertThat(second.get().err())
        .startsWith("openconnectors: could not listen on 127.0.0.1:")
        .endsWith("; choose another with --port\n");
  }

  @Test
  void aBadPortIsAUsageError() {
    assertThat(CliRun.run(Map.of(), "emulator", "--port", "70000").exitCode()).isEqualTo(2);
  }
}
