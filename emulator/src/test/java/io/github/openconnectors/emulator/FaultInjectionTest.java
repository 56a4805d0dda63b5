package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.core.ApiKind;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.core.JacksonException;

class FaultInjectionTest {

  OpenConnectorsEmulator emulator;
  Http http;

  @BeforeEach
  void start() {
    emulator = OpenConnectorsEmulator.builder().instances(30).start();
    http = new Http(emulator);
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  HttpResponse<String> list() {
    return http.get("/instances", emulator.platformCredentials(), ApiKind.PLATFORM);
  }

  @Test
  void aStatusAppliesToTheNextNRequestsWithTheServiceErrorBody() {
    emulator.inject(Fault.status(503).times(2));

    HttpResponse<String> first = list();
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(Http.json(first).path("message").asString()).isEqualTo("Service Unavailable");
    assertThat(Http.json(first).path("requestId").asString())
        .isEqualTo(first.headers().firstValue("Elements-Request-Id").orElseThrow());
    assertThat(list().statusCode()).isEqualTo(503);
    assertThat(list().statusCode()).isEqualTo(200);
  }

  @Test
  void aProviderErrorCarriesAProviderMessage() {
    emulator.inject(Fault.status(502, "Salesforce is down"));

    HttpResponse<String> response = list();

    assertThat(response.statusCode()).isEqualTo(502);
    assertThat(Http.json(response).path("message").asString()).isEqualTo("Salesforce is down");
    assertThat(Http.json(response).path("providerMessage").asString())
        .isEqualTo("Provider said: Salesforce is down");
  }

  @Test
  void tooManyRequestsSendsRetryAfterAsGiven() {
    emulator.inject(Fault.tooManyRequests("2"));
    emulator.inject(Fault.tooManyRequests("Wed, 21 Oct 2015 07:28:00 GMT"));

    assertThat(list().headers().firstValue("Retry-After")).hasValue("2");
    HttpResponse<String> second = list();
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After"))
        .hasValue("Wed, 21 Oct 2015 07:28:00 GMT");
    assertThat(list().statusCode()).isEqualTo(200);
  }

  @Test
  void aFaultDuringAPeriodRefusesEverythingFromTheFirstRequestItMeetsUntilItEnds() {
    emulator.inject(Fault.tooManyRequests("1").during(Duration.ofMillis(300)));

    long first = System.nanoTime();
    assertThat(list().statusCode()).isEqualTo(429);
    int refused = 1;
    long lastRefused = first;
    long deadline = first + Duration.ofSeconds(10).toNanos();
    int status;
    while ((status = list().statusCode()) == 429 && System.nanoTime() < deadline) {
      refused++;
      lastRefused = System.nanoTime();
    }
    assertThat(status).isEqualTo(200);
    assertThat(refused).as("every request of the period refused").isGreaterThan(1);
    // The last refusal came from within the period, which began at the first request.
    assertThat(Duration.ofNanos(lastRefused - first)).isLessThan(Duration.ofSeconds(5));
    assertThat(list().statusCode()).as("over for good").isEqualTo(200);
    assertThat(Fault.tooManyRequests("2").during(Duration.ofSeconds(2)))
        .hasToString("Fault[STATUS 429 Retry-After 2, times=during PT2S]");
    assertThatThrownBy(() -> Fault.status(503).during(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("period");
  }

  @Test
  void faultsApplyOnlyToMatchingPaths() {
    emulator.inject(Fault.status(500).onPath("/hubs/.*").always());

    assertThat(list().statusCode()).isEqualTo(200);
    long id = emulator.firstGeneratedId();
    assertThat(
            http.get("/hubs/crm/accounts", emulator.connectorCredentials(id), ApiKind.CONNECTOR)
                .statusCode())
        .isEqualTo(500);
    assertThat(
            http.get("/hubs/crm/accounts", emulator.connectorCredentials(id), ApiKind.CONNECTOR)
                .statusCode())
        .isEqualTo(500);

    emulator.clearFaults();

    assertThat(
            http.get("/hubs/crm/accounts", emulator.connectorCredentials(id), ApiKind.CONNECTOR)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void exactlyNConcurrentRequestsMeetAFaultOfNTimes() throws Exception {
    emulator.inject(Fault.status(503).times(5));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> statuses =
          IntStream.range(0, 40).mapToObj(i -> pool.submit(() -> list().statusCode())).toList();
      int failed = 0;
      for (Future<Integer> status : statuses) {
        failed += status.get() == 503 ? 1 : 0;
      }
      assertThat(failed).isEqualTo(5);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void latencyHoldsTheResponseBack() {
    emulator.inject(Fault.latency(Duration.ofMillis(300)));

    long start = System.nanoTime();
    HttpResponse<String> response = list();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aTruncatedBodyIsValidHttpButMalformedJson() {
    emulator.inject(Fault.truncatedBody(100));

    HttpResponse<String> response = list();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Length")).hasValue("100");
    assertThat(response.body()).startsWith("[{\"id\":");
    assertThatThrownBy(() -> Http.json(response)).isInstanceOf(JacksonException.class);
  }

  @Test
  void aDroppedConnectionEndsTheBodyEarly() {
    emulator.inject(Fault.droppedConnection(500));

    assertThatThrownBy(this::list).isInstanceOf(UncheckedIOException.class);
    assertThat(list().statusCode()).as("the next connection is served").isEqualTo(200);
  }

  @Test
  void aTrickleSendsTheBodyInTimedChunks() {
    int total = list().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    emulator.inject(Fault.trickle(total / 4 + 1, Duration.ofMillis(150)));
    String header = emulator.platformCredentials().authorizationFor(ApiKind.PLATFORM).value();

    long start = System.nanoTime();
    Flux<Integer> chunks =
        HttpClient.create()
            .headers(h -> h.set("Authorization", header))
            .get()
            .uri(emulator.baseUrl() + "/instances")
            .responseContent()
            .asByteArray()
            .map(bytes -> bytes.length);

    StepVerifier.create(
            chunks.reduce(new int[2], (sum, size) -> new int[] {sum[0] + 1, sum[1] + size}))
        .assertNext(
            sum -> {
              assertThat(sum[0]).as("chunks").isGreaterThanOrEqualTo(4);
              assertThat(sum[1]).as("bytes").isEqualTo(total);
            })
        .verifyComplete();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(600));
  }

  @Test
  void faultsRejectNonsense() {
    assertThatThrownBy(() -> Fault.status(200))
        .hasMessage("status must be from 400 to 599, was 200");
    assertThatThrownBy(() -> Fault.latency(Duration.ZERO))
        .hasMessage("delay must be positive, was PT0S");
    assertThatThrownBy(() -> Fault.trickle(0, Duration.ofMillis(1)))
        .hasMessage("bytesPerChunk must be at least 1, was 0");
    assertThatThrownBy(() -> Fault.status(503).times(0))
        .hasMessage("count must be at least 1, was 0");
    assertThat(Fault.status(503).times(2).onPath("/instances"))
        .hasToString("Fault[STATUS 503, times=2, path=/instances]");
  }
}
