package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

/** Answers a careful service would never send: each ends in a documented, precise exception. */
class HostileResponsesTest {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  static Mono<Void> json(HttpServerResponse response, int status, String body) {
    return response
        .status(status)
        .header("Content-Type", "application/json")
        .sendString(Mono.just(body))
        .then();
  }

  static OpenConnectorsClient loggingIn(StubServer server) {
    return OpenConnectorsClient.builder()
        .baseUrl(server.baseUrl())
        .bearerLogin("ops@example.com", "password-never-printed")
        .retry(RetryPolicy.none())
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|the log-in answer has no token (field token)",
        "{\"token\": 42}|the log-in answer has no token (field token)",
        "{\"token\": \"\"}|the log-in answer has no token (field token)",
        "{\"token\": \"two words\"}|the log-in answer's token (field token) is unusable: bearer"
            + " token contains whitespace",
      })
  void aLogInAnswerWithoutAUsableTokenIsAProtocolErrorNamingTheField(String answer, String why) {
    try (StubServer server = new StubServer((request, response) -> json(response, 200, answer));
        OpenConnectorsClient client = loggingIn(server)) {
      StepVerifier.create(client.instance(1))
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessageStartingWith(
                          "POST " + server.baseUrl() + "/authentication: " + why)
                      .hasMessageNotContaining("two words")
                      .hasMessageNotContaining("password-never-printed"))
          .verify(Duration.ofSeconds(10));
    }
  }

  @Test
  void aConnectorWhoseInstanceIsSentWithoutItsTokenIsAProtocolError() {
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    json(response, 200, "{\"id\": 42, \"name\": \"no token here\"}"));
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.connector(42).get("crm/contacts/1"))
          .expectErrorSatisfies(
              error ->
                  assertThat(error)
                      .isInstanceOf(ProtocolException.class)
                      .hasMessage(
                          "GET "
                              + server.baseUrl()
                              + "/instances/42: the instance has no token (field token): its"
                              + " connector API cannot be called"))
          .verify(Duration.ofSeconds(10));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gone\\r\\n[ERROR] forged log line",
        "gone\\u001b[2J\\u001b[1;1Hforged screen",
        "gone\\u202eenil degrof",
      })
  void theServicesMessageCannotForgeALogLineOrRewriteATerminal(String message) {
    try (StubServer server =
            new StubServer(
                (request, response) ->
                    json(
                        response,
                        404,
                        "{\"message\": \"" + message + "\", \"requestId\": \"r\\n1\"}"));
        OpenConnectorsClient client = server.client()) {
      StepVerifier.create(client.instance(7))
          .expectErrorSatisfies(
              error -> {
                assertThat(error).isInstanceOf(NotFoundException.class);
                assertThat(error.getMessage())
                    .startsWith("GET " + server.baseUrl() + "/instances/7: 404 Not Found: gone")
                    .endsWith("(request r\\n1)")
                    .doesNotContain("\r", "\n", "\u001b", "\u202e");
                assertThat(((NotFoundException) error).serviceMessage())
                    .as("the service's own text, as it was sent")
                    .hasValue(MAPPER.readValue("\"" + message + "\"", String.class));
              })
          .verify(Duration.ofSeconds(10));
    }
  }
}
