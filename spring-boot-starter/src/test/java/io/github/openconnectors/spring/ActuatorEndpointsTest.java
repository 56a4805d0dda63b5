package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An operator who shows Actuator's values ({@code show-values=always}) still never sees a secret of
 * the starter's: every property of {@link SensitiveProperties} is set, in two applications (one
 * with the secrets, an instance token and Redis, one with a bearer log-in's password, since the two
 * ways to authenticate exclude each other), and neither {@code /actuator/env} nor {@code
 * /actuator/configprops} may hold one of their values, while other values show.
 */
class ActuatorEndpointsTest {

  static final String INSTANCE_TOKEN = "instance-token-shown-nowhere";
  static final String REDIS_PASSWORD = "redis-password-shown-nowhere";
  static final String REDIS_KEY = "c2VhbGluZy1rZXktc2hvd24tbm93aGVyZS0wMTIzNDU2Nzg5";
  static final String LOGIN_PASSWORD = "login-password-shown-nowhere";
  static final String EVENT_KEY = "event-signature-key-shown-nowhere";
  static final String PREVIOUS_EVENT_KEY = "previous-event-key-shown-nowhere";

  static final String[] SHOWN_VALUES = {
    "management.endpoints.web.exposure.include=configprops,env",
    "management.endpoint.configprops.show-values=always",
    "management.endpoint.env.show-values=always"
  };

  /** Exposes configprops and env, values shown, as an operator debugging a deployment does. */
  static void showValues(DynamicPropertyRegistry registry) {
    for (String shown : SHOWN_VALUES) {
      int equals = shown.indexOf('=');
      registry.add(shown.substring(0, equals), () -> shown.substring(equals + 1));
    }
  }

  /** Every property the starter's configuration metadata lists. */
  static List<JsonNode> starterProperties() throws Exception {
    List<JsonNode> properties = new ArrayList<>();
    Enumeration<URL> files =
        ActuatorEndpointsTest.class
            .getClassLoader()
            .getResources("META-INF/spring-configuration-metadata.json");
    while (files.hasMoreElements()) {
      try (InputStream in = files.nextElement().openStream()) {
        for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
          if (property.path("name").asString().startsWith(SensitiveProperties.PREFIX)) {
            properties.add(property);
          }
        }
      }
    }
    return properties;
  }

  @Test
  void everyPropertyNamedLikeASecretOrAUrlIsInTheList() throws Exception {
    List<String> names = starterProperties().stream().map(p -> p.path("name").asString()).toList();
    assertThat(names)
        .containsAll(SensitiveProperties.SECRETS)
        .containsAll(SensitiveProperties.URLS);
    for (String name : names) {
      String last = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      if (last.matches(".*(secret|token|password|key|credential).*")) {
        assertThat(SensitiveProperties.SECRETS).as("a secret's name: %s", name).contains(name);
      }
      if (last.endsWith("url") || last.endsWith("uri")) {
        assertThat(SensitiveProperties.URLS).as("a URL's name: %s", name).contains(name);
      }
    }
  }

  @Test
  void theMetadataSaysWhichPropertiesActuatorMasks() throws Exception {
    for (JsonNode property : starterProperties()) {
      String name = property.path("name").asString();
      String description = property.path("description").asString();
      assertThat(description.contains("Never shown by Actuator."))
          .as("%s is masked, and its description says so, or neither", name)
          .isEqualTo(SensitiveProperties.SECRETS.contains(name));
      assertThat(description.contains("Actuator shows it without user-info."))
          .as("%s is a URL shown without user-info, and its description says so, or neither", name)
          .isEqualTo(SensitiveProperties.URLS.contains(name));
    }
  }

  @Test
  void theTwoApplicationsBelowSetEverySecret() {
    Set<String> set = new HashSet<>();
    set.addAll(List.of(WithSecretsAndRedis.SECRETS_SET));
    set.addAll(List.of(WithLogin.SECRETS_SET));
    assertThat(set).containsExactlyInAnyOrderElementsOf(SensitiveProperties.SECRETS);
  }

  abstract static class Endpoints {

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

    abstract String[] secrets();

    abstract String[] secretProperties();

    abstract String shown();

    @Test
    void configurationPropertiesShowEverythingButTheSecrets() {
      String configprops = get("/actuator/configprops/openconnectors");

      assertThat(configprops).as("values are shown").contains(shown(), "\"pageSize\":200");
      Secrets.assertNoneIn("/actuator/configprops", configprops, secrets());
    }

    @Test
    void theEnvironmentShowsEverythingButTheSecrets() {
      String env = get("/actuator/env");

      assertThat(env).as("values are shown").contains(shown());
      Secrets.assertNoneIn("/actuator/env", env, secrets());
      for (String name : secretProperties()) {
        Secrets.assertNoneIn(name, get("/actuator/env/" + name), secrets());
      }
    }
  }

  /** Secrets as the README sets them (from a variable), an instance token and a Redis. */
  @Nested
  @SpringBootTest(
      classes = StarterApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
        "openconnectors.instance-token=" + INSTANCE_TOKEN,
        "openconnectors.redis.url=redis://default:" + REDIS_PASSWORD + "@127.0.0.1:1/0",
        "openconnectors.redis.key=" + REDIS_KEY,
        "openconnectors.events.signature-key=" + EVENT_KEY,
        "openconnectors.events.previous-signature-key=" + PREVIOUS_EVENT_KEY,
      })
  class WithSecretsAndRedis extends Endpoints {

    static final String[] SECRETS_SET = {
      "openconnectors.user-secret",
      "openconnectors.organization-secret",
      "openconnectors.instance-token",
      "openconnectors.redis.key",
      "openconnectors.events.signature-key",
      "openconnectors.events.previous-signature-key"
    };

    @RegisterExtension
    static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

    @DynamicPropertySource
    static void openConnectors(DynamicPropertyRegistry registry) {
      showValues(registry);
      OpenConnectorsEmulator emulator = EMULATOR.emulator();
      registry.add("openconnectors.base-url", emulator::baseUrl);
      // As the README configures them: the properties refer to the variables.
      registry.add("OPEN_CONNECTORS_USER_SECRET", () -> emulator.userSecret().reveal());
      registry.add(
          "OPEN_CONNECTORS_ORGANIZATION_SECRET", () -> emulator.organizationSecret().reveal());
      registry.add("openconnectors.user-secret", () -> "${OPEN_CONNECTORS_USER_SECRET}");
      registry.add(
          "openconnectors.organization-secret", () -> "${OPEN_CONNECTORS_ORGANIZATION_SECRET}");
    }

    @Override
    String[] secrets() {
      OpenConnectorsEmulator emulator = EMULATOR.emulator();
      return new String[] {
        emulator.userSecret().reveal(),
        emulator.organizationSecret().reveal(),
        INSTANCE_TOKEN,
        REDIS_PASSWORD,
        REDIS_KEY,
        EVENT_KEY,
        PREVIOUS_EVENT_KEY
      };
    }

    @Override
    String[] secretProperties() {
      return SECRETS_SET;
    }

    @Override
    String shown() {
      return EMULATOR.emulator().baseUrl();
    }

    @Test
    void theRedisUrlShowsItsHostButNotItsUserInfo() {
      assertThat(get("/actuator/env/openconnectors.redis.url"))
          .contains("redis://******@127.0.0.1:1/0")
          .doesNotContain("default:");
      assertThat(get("/actuator/configprops/openconnectors"))
          .contains("redis://******@127.0.0.1:1/0");
    }
  }

  /** A bearer log-in's password. */
  @Nested
  @SpringBootTest(
      classes = StarterApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
      properties = {
        "openconnectors.username=operator@example.com",
        "openconnectors.password=" + LOGIN_PASSWORD,
      })
  class WithLogin extends Endpoints {

    static final String[] SECRETS_SET = {"openconnectors.password"};

    @RegisterExtension
    static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

    @DynamicPropertySource
    static void openConnectors(DynamicPropertyRegistry registry) {
      showValues(registry);
      registry.add("openconnectors.base-url", () -> EMULATOR.emulator().baseUrl());
    }

    @Override
    String[] secrets() {
      return new String[] {LOGIN_PASSWORD};
    }

    @Override
    String[] secretProperties() {
      return SECRETS_SET;
    }

    @Override
    String shown() {
      return "operator@example.com";
    }
  }
}
