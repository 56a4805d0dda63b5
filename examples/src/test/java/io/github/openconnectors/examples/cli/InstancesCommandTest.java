package io.github.openconnectors.examples.cli;

import static io.github.openconnectors.examples.cli.CliRun.environment;
import static io.github.openconnectors.examples.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.examples.cli.CliRun.Result;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

class InstancesCommandTest {

  static final String TOKEN = "Fixture+instance/token=";

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR =
      OpenConnectorsEmulatorExtension.configured(
          builder ->
              builder
                  .instances(450)
                  .instance(
                      EmulatedInstance.builder(42, InstanceToken.of(TOKEN))
                          .name("Salesforce 東京 Operations with a name too long for its column")
                          .element("sfdc", "Salesforce", "crm")
                          .tags("prod", "eu")
                          .build()));

  OpenConnectorsEmulator emulator;
  Map<String, String> env;

  @BeforeEach
  void setUp(OpenConnectorsEmulator emulator) {
    this.emulator = emulator;
    this.env = environment(emulator);
    emulator.clearFaults();
    emulator.clearJournal();
  }

  @Test
  void listsEveryInstanceAsATableRowByRow() {
    Result result = run(env, "instances", "list");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(1 + 451);
    assertThat(lines.get(0)).matches("\\s+ID  NAME\\s+CONNECTOR\\s+TAGS\\s+STATE");
    assertThat(lines)
        .contains(
            "      42  Salesforce 東京 Operations with a…  sfdc                prod,eu"
                + "               ok");
    assertThat(instanceRequests()).isEqualTo(3);
    assertNoSecretIn(result);
  }

  @Test
  void printsNdjsonWithTheTokenOnlyByFingerprint() throws Exception {
    Result result = run(env, "instances", "list", "--format", "ndjson", "--page-size", "100");

    assertThat(result.exitCode()).isZero();
    List<JsonNode> instances =
        result.out().lines().map(line -> InstanceJson.MAPPER.readTree(line)).toList();
    assertThat(instances).hasSize(451);
    JsonNode fixture =
        instances.stream().filter(node -> node.get("id").asLong() == 42).findFirst().orElseThrow();
    assertThat(fixture.get("connector").get("key").asString()).isEqualTo("sfdc");
    assertThat(fixture.get("tags").toString()).isEqualTo("[\"prod\",\"eu\"]");
    assertThat(fixture.get("tokenFingerprint").asString())
        .isEqualTo(InstanceToken.of(TOKEN).fingerprint());
    assertThat(instanceRequests()).isEqualTo(5);
    assertNoSecretIn(result);
  }

  @Test
  void printsOneJsonArray() {
    Result result = run(env, "instances", "list", "--format", "json", "--tag", "prod");

    assertThat(result.exitCode()).isZero();
    JsonNode array = InstanceJson.MAPPER.readTree(result.out());
    assertThat(array.isArray()).isTrue();
    assertThat(array.size()).isGreaterThan(1);
    array.forEach(node -> assertThat(node.get("tags").toString()).contains("\"prod\""));
  }

  @Test
  void anEmptyListingIsAnEmptyJsonArray() {
    Result result =
        run(env, "instances", "list", "--format", "json", "--search", "no such instance");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).isEqualTo("[]\n");
  }

  @Test
  void filtersByEveryTagAndBySearchText() {
    Result result =
        run(
            env,
            "instances",
            "list",
            "--format",
            "ndjson",
            "--tag",
            "prod",
            "--tag",
            "eu",
            "--search",
            "salesforce");

    assertThat(result.exitCode()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode node = InstanceJson.MAPPER.readTree(line);
      assertThat(node.get("tags").toString()).contains("\"prod\"", "\"eu\"");
      assertThat(node.get("name").asString()).containsIgnoringCase("salesforce");
    }
    RecordedRequest request = emulator.journal().get(0);
    assertThat(request.query()).containsEntry("tags[]", List.of("prod", "eu"));
  }

  @Test
  void aLimitSendsNoMoreRequestsThanItNeeds() {
    Result result = run(env, "instances", "list", "--limit", "5", "--page-size", "50");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).hasSize(1 + 5);
    assertThat(instanceRequests()).isEqualTo(1);
  }

  @Test
  void aFailureMidListingKeepsTheRowsBeforeItAndExitsWithOne() {
    // The first page's body is cut after 5 000 bytes: a few instances, then malformed JSON.
    emulator.inject(Fault.truncatedBody(5_000).onPath("/instances"));

    Result result = run(env, "instances", "list", "--format", "ndjson", "--page-size", "100");

    assertThat(result.exitCode()).isEqualTo(1);
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSizeGreaterThan(3);
    lines.forEach(line -> assertThat(InstanceJson.MAPPER.readTree(line).has("id")).isTrue());
    assertThat(result.err())
        .startsWith(
            "openconnectors: GET "
                + emulator.baseUrl()
                + "/instances (query: pageSize): the body ended before its JSON");
    assertNoSecretIn(result);
  }

  @Test
  void aLongListingShowsProgressOnATerminalAndErasesIt() {
    // Five pages at 300 ms each: long enough for the line, which waits a second, to show.
    emulator.inject(Fault.latency(Duration.ofMillis(300)).onPath("/instances").always());

    Result result =
        run(
            env,
            true,
            server -> {},
            "instances",
            "list",
            "--page-size",
            "100",
            "--format",
            "ndjson");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).hasSize(451);
    assertThat(result.err()).matches("(\\r[\\d,]+ instances, [\\d,]+/s *)+\\r +\\r");
  }

  @Test
  void noProgressWhenAskedOrWhenStderrIsNoTerminal() {
    emulator.inject(Fault.latency(Duration.ofMillis(300)).onPath("/instances").always());

    assertThat(run(env, true, server -> {}, "instances", "list", "--no-progress").err()).isEmpty();
    assertThat(run(env, false, server -> {}, "instances", "list", "--page-size", "100").err())
        .isEmpty();
  }

  @Test
  void getShowsOneInstanceInDetail() {
    Result result = run(env, "instances", "get", "42");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains("id             42\n")
        .contains("connector      Salesforce (key sfdc, hub crm)\n")
        .contains("tags           prod, eu\n")
        .contains("token          [REDACTED] " + InstanceToken.of(TOKEN).fingerprint() + "\n");
    assertNoSecretIn(result);
  }

  @Test
  void getAsJson() {
    Result result = run(env, "instances", "get", "42", "--format", "json");

    assertThat(result.exitCode()).isZero();
    assertThat(InstanceJson.MAPPER.readTree(result.out()).get("name").asString())
        .startsWith("Salesforce 東京");
  }

  @Test
  void aMissingInstanceExitsWithFour() {
    Result result = run(env, "instances", "get", "7");

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("openconnectors: GET " + emulator.baseUrl() + "/instances/7: ")
        .contains("404");
  }

  @Test
  void refusedCredentialsExitWithThreeAndSayWhatToCheck() {
    Map<String, String> wrong = new HashMap<>(env);
    wrong.put(Credentials.USER_SECRET_VARIABLE, "not-the-user-secret");

    Result result = run(wrong, "instances", "list");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith(
            "openconnectors: GET "
                + emulator.baseUrl()
                + "/instances (query: pageSize): 401 Unauthorized: ")
        .endsWith(
            "; check the secrets in OPEN_CONNECTORS_USER_SECRET,"
                + " OPEN_CONNECTORS_ORGANIZATION_SECRET or OPEN_CONNECTORS_BEARER_TOKEN\n")
        .doesNotContain("not-the-user-secret");
  }

  @Test
  void withoutABaseUrlSaysWhatToSet() {
    Map<String, String> noUrl = new HashMap<>(env);
    noUrl.remove(Service.BASE_URL_VARIABLE);

    Result result = run(noUrl, "instances", "list");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("openconnectors: set OPEN_CONNECTORS_BASE_URL to your tenant's API")
        .endsWith("or pass --demo to use an embedded emulator\n");
  }

  @Test
  void withoutSecretsSaysWhichToSet() {
    Result result = run(Map.of(Service.BASE_URL_VARIABLE, emulator.baseUrl()), "instances", "list");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err()).startsWith("openconnectors: no Open Connectors credentials");
  }

  @Test
  void aMissingSecretVariableIsNamedWithTheBearerAlternative() {
    Map<String, String> noUserSecret = new HashMap<>(env);
    noUserSecret.remove(Credentials.USER_SECRET_VARIABLE);

    Result result = run(noUserSecret, "instances", "list");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .isEqualTo(
            "openconnectors: a platform request needs User and Organization, or Bearer, but the"
                + " credentials hold Organization; set OPEN_CONNECTORS_USER_SECRET, or"
                + " OPEN_CONNECTORS_BEARER_TOKEN instead\n");
    assertThat(emulator.journal()).isEmpty();
    assertNoSecretIn(result);
  }

  @Test
  void aBaseUrlWithoutASchemeIsAUsageErrorSayingWhatOneLooksLike() {
    Map<String, String> noScheme = new HashMap<>(env);
    noScheme.put(Service.BASE_URL_VARIABLE, emulator.baseUrl().replace("http://", ""));

    Result result = run(noScheme, "instances", "list");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "openconnectors: OPEN_CONNECTORS_BASE_URL: baseUrl must start with https:// (or"
                + " http:// on loopback), such as"
                + " https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2\n");
    assertThat(emulator.journal()).isEmpty();
  }

  @Test
  void aBaseUrlOutsideTheApiIsAUsageErrorNotAMissingInstance() {
    Map<String, String> hostOnly = new HashMap<>(env);
    hostOnly.put(
        Service.BASE_URL_VARIABLE, emulator.baseUrl().replace("/elements/api-v2", "/elements"));

    Result list = run(hostOnly, "instances", "list");
    Result get = run(hostOnly, "instances", "get", "42");

    for (Result result : List.of(list, get)) {
      assertThat(result.exitCode()).isEqualTo(2);
      assertThat(result.err())
          .isEqualTo(
              "openconnectors: OPEN_CONNECTORS_BASE_URL must end in /elements/api-v2, where the"
                  + " service's API is, such as"
                  + " https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2\n");
    }
    assertThat(emulator.journal()).isEmpty();
  }

  @Test
  void aBaseUrlWithATrailingSlashIsTheSameApi() {
    Map<String, String> slash = new HashMap<>(env);
    slash.put(Service.BASE_URL_VARIABLE, emulator.baseUrl() + "/");

    Result result = run(slash, "instances", "get", "42");

    assertThat(result.exitCode()).isZero();
    assertThat(emulator.journal())
        .extracting(RecordedRequest::path)
        .containsExactly("/instances/42");
  }

  @Test
  void refusesPlainHttpToAnotherHost() {
    Map<String, String> remote = new HashMap<>(env);
    remote.put(Service.BASE_URL_VARIABLE, "http://example.com/elements/api-v2");

    Result result = run(remote, "instances", "list");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("openconnectors: OPEN_CONNECTORS_BASE_URL: baseUrl must use https");
  }

  @Test
  void badOptionsAreUsageErrors() {
    assertThat(run(env, "instances", "list", "--page-size", "500").exitCode()).isEqualTo(2);
    assertThat(run(env, "instances", "list", "--format", "xml").err())
        .startsWith("Invalid value for option '--format': expected table, json or ndjson");
    assertThat(run(env, "instances", "get", "forty-two").exitCode()).isEqualTo(2);
    assertThat(run(env, "instances").exitCode()).isEqualTo(2);
    assertThat(emulator.journal()).isEmpty();
  }

  @Test
  void theDemoOptionListsAnEmbeddedEmulatorWithoutAnyEnvironment() {
    Result result =
        run(Map.of(), "instances", "list", "--demo", "--tag", "eu", "--format", "ndjson");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("\"name\":\"Zendesk Kundenservice Köln\"");
  }

  private long instanceRequests() {
    return emulator.journal().stream().filter(r -> r.path().equals("/instances")).count();
  }

  private void assertNoSecretIn(Result result) {
    Credentials credentials = emulator.platformCredentials();
    String everything = result.out() + result.err();
    assertThat(everything)
        .doesNotContain(credentials.userSecret().orElseThrow().reveal())
        .doesNotContain(credentials.organizationSecret().orElseThrow().reveal())
        .doesNotContain(TOKEN)
        .doesNotContain(emulator.instanceToken(100_001).reveal());
  }
}
