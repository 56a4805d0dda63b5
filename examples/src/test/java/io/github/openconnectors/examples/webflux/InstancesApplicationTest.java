package io.github.openconnectors.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.spring.OpenConnectorsProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
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

/** The application on a random port, its client on an emulator of 10 000 instances. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class InstancesApplicationTest {

  static final int GENERATED = 10_000;
  static final String TOKEN = "Web+app/instance-token=";

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension SERVICE =
      OpenConnectorsEmulatorExtension.configured(
          builder ->
              builder
                  .instances(GENERATED)
                  .instance(
                      EmulatedInstance.builder(42, InstanceToken.of(TOKEN))
                          .name("Salesforce Sales EU")
                          .element("sfdc", "Salesforce", "crm")
                          .tags("prod", "eu")
                          .build()));

  @DynamicPropertySource
  static void tenant(DynamicPropertyRegistry registry) {
    SERVICE.properties(registry::add);
  }

  @LocalServerPort int port;

  @Autowired OpenConnectorsProperties properties;

  WebTestClient web;

  @BeforeEach
  void setUp() {
    SERVICE.emulator().clearFaults();
    SERVICE.emulator().clearJournal();
    web =
        WebTestClient.bindToServer()
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
  }

  @Test
  void streamsTenThousandInstancesAsNdjsonInOrder() {
    Flux<JsonNode> body =
        web.get()
            .uri("/api/instances")
            .accept(MediaType.APPLICATION_NDJSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
            .returnResult(JsonNode.class)
            .getResponseBody();

    AtomicLong previous = new AtomicLong();
    StepVerifier.create(body.filter(view -> view.path("id").asLong() != 42))
        .thenConsumeWhile(
            view -> {
              // Generated ids follow each other: none lost, none repeated, none reordered.
              long id = view.path("id").asLong();
              assertThat(id).isEqualTo(previous.get() == 0 ? 100_001 : previous.get() + 1);
              previous.set(id);
              return true;
            })
        .expectComplete()
        // Bounded: a stalled stream fails here with what arrived, instead of waiting for ever.
        .verify(Duration.ofSeconds(90));
    assertThat(previous.get()).isEqualTo(100_000 + GENERATED);
    assertThat(SERVICE.emulator().journal()).hasSize(GENERATED / 200 + 1);
  }

  @Test
  void servesEachInstanceWithoutItsToken() {
    String line =
        web.get()
            .uri("/api/instances?tag=prod&tag=eu&search=Sales EU")
            .accept(MediaType.APPLICATION_NDJSON)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();

    assertThat(line)
        .startsWith("{\"id\":42,\"name\":\"Salesforce Sales EU\",\"element\":{")
        .contains("\"key\":\"sfdc\"", "\"hub\":\"crm\"", "\"tags\":[\"prod\",\"eu\"]")
        .contains("\"tokenFingerprint\":\"" + InstanceToken.of(TOKEN).fingerprint() + "\"")
        .doesNotContain(TOKEN);
    assertThat(SERVICE.emulator().journal().get(0).query())
        .containsEntry("tags[]", List.of("prod", "eu"))
        .containsEntry("searchText", List.of("Sales EU"));
  }

  @Test
  void streamsServerSentEventsNamedByInstanceId() {
    Flux<ServerSentEvent<JsonNode>> events =
        web.get()
            .uri("/api/instances?limit=250")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {})
            .getResponseBody();

    StepVerifier.create(events)
        .assertNext(
            event -> {
              assertThat(event.event()).isEqualTo("instance");
              assertThat(event.id()).isEqualTo(Long.toString(event.data().path("id").asLong()));
            })
        .expectNextCount(249)
        .expectComplete()
        .verify(Duration.ofSeconds(60));
    // 250 instances need two pages of 200: the limit sends no third request.
    assertThat(SERVICE.emulator().journal()).hasSize(2);
  }

  @Test
  void aFailureAfterTheFirstEventArrivesAsAnErrorEvent() {
    // The first page whole; the second page cut mid-body, which is never retried.
    SERVICE.emulator().inject(Fault.latency(Duration.ofMillis(1)).onPath("/instances").times(1));
    SERVICE.emulator().inject(Fault.truncatedBody(1_000).onPath("/instances").times(1));

    List<ServerSentEvent<Object>> events =
        web.get()
            .uri("/api/instances")
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(new ParameterizedTypeReference<ServerSentEvent<Object>>() {})
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(60));

    assertThat(events).hasSizeGreaterThan(200);
    assertThat(events.subList(0, 201)).allSatisfy(e -> assertThat(e.event()).isEqualTo("instance"));
    ServerSentEvent<Object> last = events.get(events.size() - 1);
    assertThat(last.event()).isEqualTo("error");
    assertThat(last.data().toString()).contains("status=502", "Open Connectors failed to answer");
  }

  @Test
  void aFailureAfterTheFirstLineCutsTheNdjsonStreamOff() {
    // The first page whole; the second page cut mid-body.
    SERVICE.emulator().inject(Fault.latency(Duration.ofMillis(1)).onPath("/instances").times(1));
    SERVICE.emulator().inject(Fault.truncatedBody(1_000).onPath("/instances").times(1));
    AtomicLong lines = new AtomicLong();

    Flux<JsonNode> body =
        web.get()
            .uri("/api/instances")
            .accept(MediaType.APPLICATION_NDJSON)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(JsonNode.class)
            .getResponseBody();

    // Not a clean end: the client sees the connection close before the last chunk.
    StepVerifier.create(body.doOnNext(view -> lines.incrementAndGet()))
        .thenConsumeWhile(view -> true)
        .expectError()
        .verify(Duration.ofSeconds(60));
    assertThat(lines.get()).isGreaterThanOrEqualTo(200);
  }

  @Test
  void oneInstanceAsJson() {
    web.get()
        .uri("/api/instances/42")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
        .expectBody()
        .jsonPath("$.name")
        .isEqualTo("Salesforce Sales EU")
        .jsonPath("$.tags[1]")
        .isEqualTo("eu")
        .jsonPath("$.token")
        .doesNotExist();
  }

  @Test
  void aMissingInstanceIsA404Problem() {
    web.get()
        .uri("/api/instances/7")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.title")
        .isEqualTo("Not Found")
        .jsonPath("$.detail")
        .isEqualTo("Open Connectors has no such item")
        .jsonPath("$.instance")
        .isEqualTo("/api/instances/7")
        .jsonPath("$.serviceStatus")
        .isEqualTo(404)
        .jsonPath("$.serviceRequestId")
        .isEqualTo(SERVICE.emulator().journal().get(0).requestId());
  }

  @Test
  void refusedCredentialsAreTheApplicationsFaultA502(CapturedOutput output) {
    // Two refusals: the client re-sends a 401 once with fresh credentials.
    SERVICE.emulator().inject(Fault.status(401).onPath("/instances").times(2));

    web.get()
        .uri("/api/instances")
        .accept(MediaType.APPLICATION_NDJSON)
        .exchange()
        .expectStatus()
        .isEqualTo(502)
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("Open Connectors refused this application's credentials")
        .jsonPath("$.serviceStatus")
        .isEqualTo(401);
    // Logged for the operator, without the secrets.
    assertThat(output.getOut())
        .contains(
            "Open Connectors failed: GET "
                + SERVICE.emulator().baseUrl()
                + "/instances (query: pageSize): 401 Unauthorized")
        .doesNotContain(SERVICE.emulator().userSecret().reveal())
        .doesNotContain(SERVICE.emulator().organizationSecret().reveal());
  }

  @Test
  void rateLimitingIsA503WithTheServicesRetryAfter() {
    // Longer than the client's retry policy waits: it gives up at once.
    SERVICE.emulator().inject(Fault.tooManyRequests("120").onPath("/instances/42"));

    web.get()
        .uri("/api/instances/42")
        .exchange()
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .valueEquals("Retry-After", "120");
  }

  @Test
  void badParametersAre400Problems() {
    web.get()
        .uri("/api/instances/forty-two")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    web.get()
        .uri("/api/instances?limit=-1")
        .accept(MediaType.APPLICATION_NDJSON)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.detail")
        .isEqualTo("limit must not be negative");
    assertThat(SERVICE.emulator().journal()).isEmpty();
  }

  @Test
  void thePropertiesNeverPrintASecret() {
    assertThat(properties.toString())
        .contains("userSecret=set", "organizationSecret=set")
        .doesNotContain(SERVICE.emulator().userSecret().reveal())
        .doesNotContain(SERVICE.emulator().organizationSecret().reveal());
  }
}
