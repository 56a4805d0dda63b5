package io.github.openconnectors.examples.cli;

import static io.github.openconnectors.examples.cli.CliRun.environment;
import static io.github.openconnectors.examples.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.examples.cli.CliRun.Result;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DemoCommandTest {

  static final String TOKEN = "Tenant+instance/token=";

  /** A tenant for the read-only run: a stand-in for a real one. */
  @RegisterExtension
  static final OpenConnectorsEmulatorExtension TENANT =
      OpenConnectorsEmulatorExtension.configured(
          builder ->
              builder
                  .instances(30)
                  .instance(
                      EmulatedInstance.builder(7, InstanceToken.of(TOKEN))
                          .element("hubspotcrm", "HubSpot CRM", "crm")
                          .build()));

  @Test
  void withoutAnEnvironmentWalksThroughEveryStepOnAnEmbeddedEmulator() {
    Result result = run(Map.of(), "demo", "--instances", "500");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    String out = result.out();
    assertThat(out)
        .startsWith("Open Connectors demo, against an embedded emulator at http://127.0.0.1:")
        .contains(
            "\n1. The Authorization header",
            "   platform   Authorization: User [REDACTED], Organization [REDACTED]\n",
            "   connector  Authorization: User [REDACTED], Element [REDACTED]\n",
            "   both       Authorization: User [REDACTED], Organization [REDACTED],"
                + " Element [REDACTED]\n",
            "Told apart by fingerprint: User " + DemoCredentials.USER.fingerprint(),
            "\n2. Every instance, streamed page by page",
            "… and 493 more. 503 instances in 3 request(s) of up to 200",
            "\n3. One instance in detail: client.instance(1234)",
            "   name           Salesforce Sales EU\n",
            "\n4. A connector call through instance-token resolution",
            "\"name\":\"contacts 1 of instance 1234\"",
            "GET    /instances/1234          200  User " + DemoCredentials.USER.fingerprint(),
            "GET    /hubs/crm/contacts       200  User "
                + DemoCredentials.USER.fingerprint()
                + ", Element "
                + DemoCredentials.TOKEN.fingerprint(),
            "Written and read back: create(\"crm/contacts\", {name, email}) then"
                + " get(\"crm/contacts/26\"):\n"
                + "     {\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"id\":\"26\"}\n",
            "POST   /hubs/crm/contacts       200  User ",
            "GET    /hubs/crm/contacts/26    200  User ",
            "\n5. Riding through a rotated secret",
            "   100 lookups answered.",
            "  100  200 with User sha256:",
            "The vault was read once more for all of them",
            "\nDone in ");
    // Some lookups met the old secret: the 401 line names its fingerprint.
    assertThat(out)
        .containsPattern(
            Pattern.compile(
                "\\s+\\d+  401 with User " + Pattern.quote(DemoCredentials.USER.fingerprint())));
    assertThat(out)
        .doesNotContain(DemoCredentials.USER.reveal())
        .doesNotContain(DemoCredentials.ORGANIZATION.reveal())
        .doesNotContain(DemoCredentials.TOKEN.reveal());
  }

  @Test
  void withATenantInTheEnvironmentRunsOnlyTheReadOnlySteps(OpenConnectorsEmulator tenant) {
    tenant.clearJournal();

    Result result =
        run(
            environment(tenant),
            "demo",
            "--connector-instance",
            "7",
            "--connector-path",
            "crm/contacts");

    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .startsWith("Open Connectors demo, read-only against " + tenant.baseUrl() + "\n")
        .contains(
            "   platform   Authorization: User [REDACTED], Organization [REDACTED]\n",
            "   connector  (the credentials lack a part this kind needs)\n",
            "31 instances; the first after",
            "\n3. One instance in detail: client.instance(7)\n",
            "\"name\":\"contacts 1 of instance 7\"",
            "\n5. Skipped: rotating a secret would change your tenant")
        .doesNotContain(TOKEN)
        .doesNotContain(tenant.userSecret().reveal());
    assertThat(tenant.journal())
        .allSatisfy(request -> assertThat(request.method()).isEqualTo("GET"));
  }

  @Test
  void withATenantButNoConnectorSaysHowToCallOne(OpenConnectorsEmulator tenant) {
    Result result = run(environment(tenant), "demo");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .contains(
            "\n4. Skipped: pass --connector-instance ID and --connector-path PATH"
                + " (such as crm/contacts) to call a connector\n");
  }

  @Test
  void withRefusedSecretsExitsWithThree(OpenConnectorsEmulator tenant) {
    Map<String, String> env = new HashMap<>(environment(tenant));
    env.put(Credentials.ORGANIZATION_SECRET_VARIABLE, "0123456789abcdef");

    Result result = run(env, "demo");

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.err())
        .startsWith(
            "openconnectors: GET "
                + tenant.baseUrl()
                + "/instances (query: pageSize): 401 Unauthorized")
        .doesNotContain("0123456789abcdef");
  }
}
