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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
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
    assertThat(resource.err())
        .startsWith("openconnectors: GET " + emulator.baseUrl() + "/hubs/crm/contacts/9999: 404");
    assertThat(instance.exitCode()).isEqualTo(4);
    assertThat(instance.err())
        .startsWith("openconnectors: GET " + emulator.baseUrl() + "/instances/7: 404");
  }

  @Test
  void aDisabledInstanceIsRefusedWithThree() {
    Result result = run(env, "connector", "list", "43", "crm/contacts");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith(
            "openconnectors: GET "
                + emulator.baseUrl()
                + "/hubs/crm/contacts (query: pageSize): 403")
        .endsWith("; the credentials are valid but may not do this\n")
        .doesNotContain(DISABLED_TOKEN);
  }

  @Test
  void aPathWithoutResourceOrWithAQueryIsAUsageError() {
    assertThat(run(env, "connector", "list", "42", "/").exitCode()).isEqualTo(2);
    assertThat(run(env, "connector", "get", "42", "crm/contacts?where=x").err())
        .isEqualTo(
            "openconnectors: PATH may not carry a query: use --where, --fields, --order-by\n");
    assertThat(run(env, "connector", "list", "42", "crm/contacts", "--limit", "-1").exitCode())
        .isEqualTo(2);
    assertThat(emulator.journal()).isEmpty();
  }

  @Test
  void listSelectsShapesAndOrdersWithWhereFieldsAndOrderBy() {
    Result result =
        run(
            env,
            "connector",
            "list",
            "42",
            "crm/contacts",
            "--where",
            "name like 'contacts 1%' and amount > 0",
            "--fields",
            "name",
            "--order-by",
            "name desc",
            "--limit",
            "3");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out().lines())
        .containsExactly(
            "{\"name\":\"contacts 199 of instance 42\"}",
            "{\"name\":\"contacts 198 of instance 42\"}",
            "{\"name\":\"contacts 197 of instance 42\"}");
    assertThat(emulator.journal().get(1).query())
        .containsEntry("where", List.of("name like 'contacts 1%' and amount > 0"))
        .containsEntry("fields", List.of("name"))
        .containsEntry("orderBy", List.of("name desc"));
  }

  @Test
  void aRecordIsCreatedChangedAndDeletedFromFiles(@TempDir Path files) throws IOException {
    Path created = Files.writeString(files.resolve("new.json"), "{\"name\": \"Ada\"}");
    Path change = Files.writeString(files.resolve("change.json"), "{\"city\": \"Zürich\"}");

    Result create =
        run(env, "connector", "create", "42", "crm/notes", "--body", created.toString());
    assertThat(create.exitCode()).as(create.err()).isZero();
    String id = InstanceJson.MAPPER.readTree(create.out()).path("id").asString();
    Result update =
        run(env, "connector", "update", "42", "crm/notes/" + id, "--body", change.toString());
    assertThat(InstanceJson.MAPPER.readTree(update.out()).path("city").asString())
        .isEqualTo("Zürich");
    assertThat(InstanceJson.MAPPER.readTree(update.out()).path("name").asString()).isEqualTo("Ada");
    Result delete = run(env, "connector", "delete", "42", "crm/notes/" + id);
    assertThat(delete.exitCode()).isZero();
    assertThat(delete.out()).isEmpty();

    assertThat(run(env, "connector", "get", "42", "crm/notes/" + id).exitCode()).isEqualTo(4);
    assertThat(emulator.journal())
        .filteredOn(request -> request.path().startsWith("/hubs/"))
        .extracting(request -> request.method() + " " + request.status())
        .containsExactly("POST 200", "PATCH 200", "DELETE 200", "GET 404");
  }

  @Test
  void aBodyComesFromStdinByDefault() {
    InputStream stdin = System.in;
    System.setIn(
        new ByteArrayInputStream("{\"name\": \"piped\"}".getBytes(StandardCharsets.UTF_8)));
    try {
      Result create = run(env, "connector", "create", "42", "crm/notes");
      assertThat(create.exitCode()).as(create.err()).isZero();
      assertThat(InstanceJson.MAPPER.readTree(create.out()).path("name").asString())
          .isEqualTo("piped");
    } finally {
      System.setIn(stdin);
    }
  }

  @Test
  void aBodyThatIsNotAJsonObjectIsRefusedBeforeAnythingIsSentAndNotQuoted(@TempDir Path files)
      throws IOException {
    Path array = Files.writeString(files.resolve("array.json"), "[1, 2]");
    Path broken = Files.writeString(files.resolve("broken.json"), "{\"password\": \"hunter2\"");

    Result notAnObject =
        run(env, "connector", "create", "42", "crm/notes", "--body", array.toString());
    Result notJson =
        run(env, "connector", "create", "42", "crm/notes", "--body", broken.toString());
    Result missing =
        run(
            env,
            "connector",
            "create",
            "42",
            "crm/notes",
            "--body",
            files.resolve("none.json").toString());

    assertThat(notAnObject.exitCode()).isEqualTo(2);
    assertThat(notAnObject.err()).contains("--body must be a JSON object");
    assertThat(notJson.exitCode()).isEqualTo(2);
    assertThat(notJson.err())
        .contains("--body is not valid JSON at line 1")
        .doesNotContain("hunter2");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--body cannot be read");
    assertThat(emulator.journal()).isEmpty();
  }
}
