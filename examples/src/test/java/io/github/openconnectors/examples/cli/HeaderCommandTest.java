package io.github.openconnectors.examples.cli;

import static io.github.openconnectors.examples.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.examples.cli.CliRun.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderCommandTest {

  static final String USER = "Us3r+secret/value=";
  static final String ORGANIZATION = "0rg-secret-value";
  static final String TOKEN = "Inst4nce+token/value=";

  @Test
  void printsTheRedactedHeaderByDefault() {
    Result result = run(Map.of(), "header", "--demo", "--kind", "both");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo("Authorization: User [REDACTED], Organization [REDACTED], Element [REDACTED]\n");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void revealsTheHelpPageExampleWithTheTokenStyle() {
    Result result =
        run(Map.of(), "header", "--demo", "--kind", "both", "--style", "token", "--reveal");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "Authorization: User sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii,"
                + " Organization 58168435e3b9959a929eb04b6218b9a2,"
                + " Token yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3\n");
  }

  @Test
  void readsSecretsFromTheEnvironmentAndSendsOnlyWhatTheKindNeeds() {
    Map<String, String> env =
        Map.of(
            "OPEN_CONNECTORS_USER_SECRET", USER,
            "OPEN_CONNECTORS_ORGANIZATION_SECRET", ORGANIZATION,
            "OPEN_CONNECTORS_INSTANCE_TOKEN", TOKEN);

    assertThat(run(env, "header", "--reveal").out())
        .isEqualTo("Authorization: User " + USER + ", Organization " + ORGANIZATION + "\n");
    assertThat(run(env, "header", "--reveal", "--kind", "connector").out())
        .isEqualTo("Authorization: User " + USER + ", Element " + TOKEN + "\n");
    assertThat(run(env, "header", "--kind", "connector").out())
        .isEqualTo("Authorization: User [REDACTED], Element [REDACTED]\n");
  }

  @Test
  void withoutCredentialsSaysWhatToSetAndExitsWithThree() {
    Result result = run(Map.of(), "header");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "openconnectors: no Open Connectors credentials in the environment:"
                + " set OPEN_CONNECTORS_USER_SECRET with OPEN_CONNECTORS_ORGANIZATION_SECRET"
                + " and/or OPEN_CONNECTORS_INSTANCE_TOKEN, or OPEN_CONNECTORS_BEARER_TOKEN;"
                + " or pass --demo for demo values\n");
  }

  @Test
  void aMissingPartNamesTheVariableToSetWithoutPrintingSecrets() {
    Map<String, String> env =
        Map.of(
            "OPEN_CONNECTORS_USER_SECRET",
            USER,
            "OPEN_CONNECTORS_ORGANIZATION_SECRET",
            ORGANIZATION);

    Result result = run(env, "header", "--kind", "connector", "--reveal");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .isEqualTo(
            "openconnectors: a connector request needs User and Element,"
                + " but the credentials hold User and Organization;"
                + " set OPEN_CONNECTORS_INSTANCE_TOKEN\n")
        .doesNotContain(USER, ORGANIZATION);
  }

  @Test
  void anInvalidSecretNamesTheVariableButNotTheValue() {
    Map<String, String> env =
        Map.of(
            "OPEN_CONNECTORS_USER_SECRET",
            USER + "\n",
            "OPEN_CONNECTORS_ORGANIZATION_SECRET",
            ORGANIZATION);

    Result result = run(env, "header", "--reveal");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith(
            "openconnectors: OPEN_CONNECTORS_USER_SECRET: user secret contains a line break")
        .doesNotContain(USER, ORGANIZATION);
  }

  @Test
  void aBadOptionValueIsAUsageError() {
    Result result = run(Map.of(), "header", "--demo", "--kind", "everything");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("Invalid value for option '--kind': expected platform, connector or both");
  }

  @Test
  void noSubcommandIsAUsageError() {
    Result result = run(Map.of());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("openconnectors: a subcommand is required")
        .contains("header");
  }
}
