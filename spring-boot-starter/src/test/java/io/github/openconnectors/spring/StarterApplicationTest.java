package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The new application: only WebFlux, Actuator, the starter and three properties, on a
 * random port, against the emulator that the JUnit extension starts for Spring.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(
    classes = StarterApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.endpoints.web.exposure.include=health,metrics",
      "management.endpoint.health.show-details=always",
      // Every probe checks afresh here, so that the rotation below is seen at once.
      "openconnectors.health.cache-time=0s"
    })
class StarterApplicationTest {

  static final String TOKEN = "Starter+instance-token/=";

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR =
      OpenConnectorsEmulatorExtension.configured(
          builder ->
              builder.instance(
                  EmulatedInstance.builder(42, InstanceToken.of(TOKEN))
                      .name("Salesforce Sales EU")
                      .element("sfdc", "Salesforce", "crm")
                      .build()));

  @DynamicPropertySource
  static void openConnectors(DynamicPropertyRegistry registry) {
    EMULATOR.properties(registry::add);
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  WebTestClient web;
  OpenConnectorsEmulator emulator;

  @BeforeEach
  void setUp() {
    emulator = EMULATOR.emulator();
    web =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .build();
  }

  /** GETs a URI, expects 200 and reads the whole body: no connection is left holding one. */
  String okBody(MediaType accept, String uri, Object... variables) {
    return web.get()
        .uri(uri, variables)
        .accept(accept)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void streamsTheLibrarysInstancesAsNdjsonWithoutTheirTokens() {
    Flux<JsonNode> lines =
        web.get()
            .uri("/instances")
            .accept(MediaType.APPLICATION_NDJSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
            .returnResult(JsonNode.class)
            .getResponseBody();

    List<JsonNode> instances = lines.collectList().block(Duration.ofSeconds(30));
    assertThat(instances).hasSize(OpenConnectorsEmulatorExtension.DEFAULT_INSTANCES + 1);
    JsonNode ours =
        instances.stream().filter(i -> i.path("id").asLong() == 42).findFirst().orElseThrow();
    assertThat(ours.path("name").asString()).isEqualTo("Salesforce Sales EU");
    assertThat(ours.path("element").path("key").asString()).isEqualTo("sfdc");
    assertThat(ours.path("tokenFingerprint").asString())
        .isEqualTo(InstanceToken.of(TOKEN).fingerprint());
    assertThat(ours.has("token")).isFalse();
    Secrets.assertNoneIn("the NDJSON", instances.toString(), TOKEN);
  }

  @Test
  void writesAnInstanceAsJsonAndTheListingAsServerSentEvents() {
    String one = okBody(MediaType.APPLICATION_JSON, "/instances/42");
    assertThat(JsonMapper.builder().build().readTree(one).path("id").asLong()).isEqualTo(42);
    Secrets.assertNoneIn("the JSON", one, TOKEN);

    Flux<ServerSentEvent<String>> events =
        web.get()
            .uri("/instances")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {})
            .getResponseBody();
    StepVerifier.create(events.map(event -> String.valueOf(event.data())).collectList())
        .assertNext(
            data ->
                assertThat(data)
                    .hasSize(OpenConnectorsEmulatorExtension.DEFAULT_INSTANCES + 1)
                    .allSatisfy(
                        line -> {
                          assertThat(line).startsWith("{\"id\":");
                          Secrets.assertNoneIn("an event", line, TOKEN);
                        }))
        .verifyComplete();
  }

  @Test
  void writesPagesWithTheirCursorsAndTheirInstancesAsViews() {
    String body = okBody(MediaType.APPLICATION_JSON, "/pages");

    JsonNode pages = JsonMapper.builder().build().readTree(body);
    assertThat(pages.size()).isEqualTo(3);
    assertThat(pages.get(0).path("items").size()).isEqualTo(10);
    assertThat(pages.get(0).path("nextPageToken").isString()).isTrue();
    assertThat(pages.get(2).path("nextPageToken").isNull()).isTrue();
    Secrets.assertNoneIn("the pages", body, TOKEN);
  }

  // Last: the application keeps the secret it started with, which the rotation makes stale.
  @Test
  @Order(Integer.MAX_VALUE)
  void healthIsUpAgainstTheEmulatorAndDownWithARotatedSecret() {
    web.get()
        .uri("/actuator/health/openconnectors")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP");

    String secretBefore = emulator.userSecret().reveal();
    emulator.rotateUserSecret();
    String down =
        web.get()
            .uri("/actuator/health/openconnectors")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    JsonNode health = JsonMapper.builder().build().readTree(down);
    assertThat(health.path("status").asString()).isEqualTo("DOWN");
    assertThat(health.path("details").path("failure").asString()).isEqualTo("authentication");
    assertThat(health.path("details").path("status").asInt()).isEqualTo(401);
    Secrets.assertNoneIn("the health", down, secretBefore, emulator.userSecret().reveal());
  }

  @Test
  void metricsListTheClientsRequestsAndReactorNettysPool() {
    okBody(MediaType.APPLICATION_JSON, "/instances/42");

    String names = okBody(MediaType.ALL, "/actuator/metrics");
    assertThat(names)
        .contains("\"openconnectors.client.requests\"")
        .contains("\"reactor.netty.connection.provider.total.connections\"")
        .contains("\"reactor.netty.connection.provider.active.connections\"");
    String lookups =
        okBody(
            MediaType.ALL,
            "/actuator/metrics/openconnectors.client.requests?tag={tag}",
            "uri:/instances/{id}");
    JsonNode count = JsonMapper.builder().build().readTree(lookups).path("measurements").get(0);
    assertThat(count.path("statistic").asString()).isEqualTo("COUNT");
    assertThat(count.path("value").asDouble()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void noSecretReachesAnyMeter() {
    okBody(MediaType.APPLICATION_NDJSON, "/instances");
    List<String> reported = new ArrayList<>();
    for (Meter meter : meters.getMeters()) {
      reported.add(meter.getId().toString());
    }
    String all = String.join("\n", reported);

    assertThat(all).contains("openconnectors.client.requests");
    for (String secret :
        List.of(emulator.userSecret().reveal(), emulator.organizationSecret().reveal(), TOKEN)) {
      Secrets.assertNoneIn("the meters", all, secret);
    }
  }
}
