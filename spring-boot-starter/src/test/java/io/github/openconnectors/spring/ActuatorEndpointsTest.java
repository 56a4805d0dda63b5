package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An operator who shows Actuator's values ({@code show-values=always}) still never sees the
 * starter's secrets: the starter masks them in {@code /actuator/configprops} and {@code
 * /actuator/env}, whatever else is shown.
 */
@SpringBootTest(
    classes = StarterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=configprops,env",
      "management.endpoint.configprops.show-values=always",
      "management.endpoint.env.show-values=always",
      "openconnectors.instance-token=" + ActuatorEndpointsTest.TOKEN
    })
class ActuatorEndpointsTest {

  static final String TOKEN = "instance-token-shown-nowhere";

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

  @DynamicPropertySource
  static void openConnectors(DynamicPropertyRegistry registry) {
    EMULATOR.properties(registry::add);
  }

  @LocalServerPort int port;

  String get(String path) {
    return WebTestClient.bindToServer()
        .baseUrl("http://127.0.0.1:" + port)
        .responseTimeout(Duration.ofSeconds(30))
        .build()
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  static void assertHoldsNoSecret(String text) {
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    Secrets.assertNoneIn(
        "the endpoint",
        text,
        emulator.userSecret().reveal(),
        emulator.organizationSecret().reveal(),
        TOKEN);
  }

  @Test
  void configurationPropertiesShowEverythingButTheSecrets() {
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    String configprops = get("/actuator/configprops/openconnectors");

    assertThat(configprops).as("values are shown").contains(emulator.baseUrl(), "\"pageSize\":200");
    assertHoldsNoSecret(configprops);
  }

  @Test
  void theEnvironmentShowsEverythingButTheSecrets() {
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    String env = get("/actuator/env");

    assertThat(env).as("values are shown").contains(emulator.baseUrl());
    assertHoldsNoSecret(env);
    assertHoldsNoSecret(get("/actuator/env/openconnectors.user-secret"));
  }
}
