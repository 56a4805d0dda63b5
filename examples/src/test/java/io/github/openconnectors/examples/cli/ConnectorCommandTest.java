package io.github.openconnectors.examples.cli;

import static io.github.openconnectors.examples.cli.CliRun.environment;
import static io.github.openconnectors.examples.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.examples.cli.CliRun.Result;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class ConnectorCommandTest {

  static final String TOKEN = "Crm+instance/token=";
  static final String DISABLED_TOKEN = "Disabled+instance/token=";

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR =
      OpenConnectorsEmulatorExtension.configured(
          builder ->
              builder
                  .instances(0)
                  .instance(
                      EmulatedInstance.builder(42, InstanceToken.of(TOKEN))
                          .element("sfdc", "Salesforce", "crm")
                          .records(250)
                          .build())
                  .instance(
                      EmulatedInstance.builder(43, InstanceToken.of(DISABLED_TOKEN))
                          .disabled(true)
                          .build()));

  OpenConnectorsEmulator emulator;
  Map<String, String> env;

  @BeforeEach
  void setUp(OpenConnectorsEmulator emulator) {
    this.emulator = emulator;
    this.env = environment(emulator);
    emulator.clearJournal();
  }

  @Test
  void listStreamsEveryPageAsNdjsonThroughTheResolvedToken() {
    Result result = run(env, "connector", "list", "42", "crm/contacts");

    assertThat(result.exitCode()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(250);
    JsonNode first = InstanceJson.MAPPER.readTree(lines.get(0));
    assertThat(first.get("name").asString()).isEqualTo("contacts 1 of instance 42");
    List<RecordedRequest> journal = emulator.journal();
    assertThat(journal.get(0).path()).isEqualTo("/instances/42");
    assertThat(journal.subList(1, journal.size()))
        .allSatisfy(
            request -> {
              assertThat(request.path()).isEqualTo("/hubs/crm/contacts");
              assertThat(request.credentialParts())
                  .isEqualTo(Set.of(CredentialPart.USER, CredentialPart.INSTANCE_TOKEN));
            })
        .hasSize(2);
    assertThat(result.out() + result.err()).doesNotContain(TOKEN);
  }

  @Test
  void listStopsAtTheLimit() {
    Result result = run(env, "connector", "list", "42", "/hubs/crm/contacts", "--limit", "3");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).hasSize(3);
  }

  @Test
  void getPrintsOneResource() {
    Result result = run(env, "connector", "get", "42", "crm/contacts/7");

    assertThat(result.exitCode()).isZero();
    assertThat(InstanceJson.MAPPER.readTree(result.out()).get("id").asString()).isEqualTo("7");
  }

  @Test
  void aMissingResourceOrInstanceExitsWithFour() {
    Result resource = run(env, "connector", "get", "42", "crm/contacts/9999");
    Result instance = run(env, "connector", "get", "7", "crm/contacts/1");

    assertThat(resource.exitCode()).isEqualTo(4);
    assertThat(resource.err()).startsWith("openconnectors: GET /hubs/crm/contacts/9999: 404");
    assertThat(instance.exitCode()).isEqualTo(4);
    assertThat(instance.err()).startsWith("openconnectors: GET /instances/7: 404");
  }

  @Test
  void aDisabledInstanceIsRefusedWithThree() {
    Result result = run(env, "connector", "list", "43", "crm/contacts");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith("openconnectors: GET /hubs/crm/contacts?pageSize: 403")
        .endsWith("; the credentials are valid but may not do this\n")
        .doesNotContain(DISABLED_TOKEN);
  }

  @Test
  void aPathWithoutResourceOrWithAQueryIsAUsageError() {
    assertThat(run(env, "connector", "list", "42", "/").exitCode()).isEqualTo(2);
    assertThat(run(env, "connector", "get", "42", "crm/contacts?where=x").err())
        .isEqualTo("openconnectors: PATH may not carry a query (yet)\n");
    assertThat(run(env, "connector", "list", "42", "crm/contacts", "--limit", "-1").exitCode())
        .isEqualTo(2);
    assertThat(emulator.journal()).isEmpty();
  }
}
