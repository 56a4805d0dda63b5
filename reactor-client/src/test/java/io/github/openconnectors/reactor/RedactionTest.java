package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.netty.handler.logging.LogLevel;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.netty.transport.logging.AdvancedByteBufFormat;
import reactor.test.StepVerifier;

class RedactionTest {

  @Test
  void aWiretapTurnedOnByTheUserNeverPrintsTheAuthorizationHeader() {
    LogCapture logs = LogCapture.install();
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(3).start();
        OpenConnectorsClient client =
            client(
                emulator,
                b ->
                    b.httpClient(
                        http ->
                            http.wiretap(
                                "wiretap.test", LogLevel.DEBUG, AdvancedByteBufFormat.TEXTUAL)))) {
      logs.clear();

      StepVerifier.create(client.instances()).expectNextCount(3).verifyComplete();

      List<String> lines = logs.lines();
      assertThat(lines).anyMatch(line -> line.contains("GET /elements/api-v2/instances"));
      assertThat(lines).anyMatch(line -> line.toLowerCase().contains("authorization: [redacted]"));
      assertNoSecret(lines, emulator);
    }
  }

  /**
   * The header is set per request by the client's own hook, after the application's: an
   * application's request hook runs and sees the request, never the credential.
   */
  @Test
  void anApplicationsRequestHookRunsAndNeverSeesTheAuthorizationValue() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(3).start();
        OpenConnectorsClient client =
            client(
                emulator,
                b ->
                    b.httpClient(
                        http ->
                            http.doOnRequest(
                                (request, connection) ->
                                    seen.add(
                                        request.uri()
                                            + " "
                                            + request.requestHeaders().get("Authorization")))))) {
      StepVerifier.create(client.instance(emulator.firstGeneratedId()))
          .expectNextCount(1)
          .verifyComplete();
      StepVerifier.create(client.instances()).expectNextCount(3).verifyComplete();

      assertThat(seen)
          .hasSize(2)
          .allSatisfy(
              line -> assertThat(line).startsWith("/elements/api-v2/instances").endsWith(" null"));
      assertNoSecret(seen, emulator);
    }
  }

  @ParameterizedTest(name = "a body read starting with {0}")
  @ValueSource(strings = {"HTTP/1.1 200 OK", "GET /x HTTP/1.1", "POST / HTTP/1.1"})
  void aWiretapNeverLogsABodyWhateverItsBytesLookLike(String lookalike) {
    LogCapture logs = LogCapture.install();
    String token = "instance-token-in-a-body-never-logged";
    // The body's second network read begins like a head; a wiretap that judged heads by their
    // bytes would log it, token and all.
    String first = "[{\"id\": 1, \"name\": \"";
    String second = lookalike + "\", \"token\": \"" + token + "\"}]";
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    response
                        .header("Content-Type", "application/json")
                        .header("Content-Length", String.valueOf(first.length() + second.length()))
                        .sendString(
                            Flux.just(first, second).delayElements(Duration.ofMillis(100))));
        OpenConnectorsClient client =
            OpenConnectorsClient.builder()
                .baseUrl(server.baseUrl())
                .credentials(Credentials.platform(UserSecret.of("u"), OrganizationSecret.of("o")))
                .httpClient(
                    http ->
                        http.wiretap("wiretap.test", LogLevel.INFO, AdvancedByteBufFormat.TEXTUAL))
                .build()) {
      logs.clear();

      StepVerifier.create(client.instances().map(instance -> instance.name().orElseThrow()))
          .expectNext(lookalike)
          .verifyComplete();

      List<String> lines = logs.lines();
      assertThat(lines).anyMatch(line -> line.contains("B of body, not logged)"));
      assertThat(lines)
          .anyMatch(
              line ->
                  line.toLowerCase(Locale.ROOT)
                      .contains("http/1.1 200 ok\ncontent-type: application/json"));
      assertThat(lines).noneMatch(line -> line.contains(token));
    }
  }

  @Test
  void failuresAndTheirLogsNeverHoldASecret() {
    LogCapture logs = LogCapture.install();
    Credentials wrong =
        Credentials.platform(
            UserSecret.of("user-secret-never-printed"),
            OrganizationSecret.of("org-secret-never-printed"));
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(3).start();
        OpenConnectorsClient refused = client(emulator, b -> b.credentials(wrong));
        OpenConnectorsClient client = client(emulator, b -> b.retry(RetryPolicy.none()))) {
      logs.clear();
      StringBuilder reports = new StringBuilder();

      StepVerifier.create(refused.instances())
          .expectErrorSatisfies(error -> reports.append(report(error)))
          .verify();
      emulator.inject(Fault.droppedConnection(2000));
      StepVerifier.create(client.instances())
          .thenConsumeWhile(instance -> reports.append(instance).length() > 0)
          .expectErrorSatisfies(error -> reports.append(report(error)))
          .verify();
      emulator.inject(Fault.truncatedBody(900));
      StepVerifier.create(client.instance(emulator.firstGeneratedId()))
          .expectErrorSatisfies(error -> reports.append(report(error)))
          .verify();

      String printed = reports + String.join("\n", logs.lines());
      assertThat(printed)
          .contains("InstanceToken[REDACTED]")
          .doesNotContain("user-secret-never-printed")
          .doesNotContain("org-secret-never-printed");
      assertNoSecret(List.of(printed), emulator);
    }
  }

  private static void assertNoSecret(List<String> lines, OpenConnectorsEmulator emulator) {
    List<String> secrets =
        List.of(
            emulator.userSecret().reveal(),
            emulator.organizationSecret().reveal(),
            emulator.instanceToken(emulator.firstGeneratedId()).reveal(),
            emulator.instanceToken(emulator.firstGeneratedId() + 1).reveal());
    for (String line : lines) {
      for (String secret : secrets) {
        assertThat(line).doesNotContain(secret);
      }
    }
  }

  private static String report(Throwable error) {
    java.io.StringWriter trace = new java.io.StringWriter();
    error.printStackTrace(new java.io.PrintWriter(trace));
    return trace.toString();
  }
}
