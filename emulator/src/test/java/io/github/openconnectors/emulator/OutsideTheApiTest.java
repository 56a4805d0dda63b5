package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Requests a careless or hostile client sends: each gets a reply, and nothing exhausts memory. */
@ExtendWith(OpenConnectorsEmulatorExtension.class)
class OutsideTheApiTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/instances", "/elements", "/elements/api-v2", "/api-v2/instances"})
  void aPathOutsideTheBasePathIsA404NamingTheBasePath(
      String path, OpenConnectorsEmulator emulator) {
    String root = emulator.baseUrl().substring(0, emulator.baseUrl().indexOf("/elements"));
    HttpResponse<String> response =
        Http.send(HttpRequest.newBuilder(URI.create(root + path)).GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Elements-Request-Id")).isPresent();
    assertThat(Http.json(response).path("message").asString())
        .isEqualTo(
            "No resource at this path: the API is under /elements/api-v2/, so a base URL ends in"
                + " /elements/api-v2");
    assertThat(emulator.journal()).last().extracting(RecordedRequest::status).isEqualTo(404);
  }

  @Test
  void aLogInBodyAboveTheLimitIsRefusedBeforeItIsRead(OpenConnectorsEmulator emulator) {
    // Declared by its length: refused at once, whatever follows.
    HttpResponse<String> declared =
        new Http(emulator)
            .post("/authentication", "{\"username\": \"" + "x".repeat(70_000) + "\"}");

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(Http.json(declared).path("message").asString())
        .isEqualTo("The log-in body is larger than 65536 bytes");
  }

  @RepeatedTest(5)
  void aChunkedLogInBodyIsCutOffAtTheLimit(OpenConnectorsEmulator emulator) {
    // No length declared (chunked): read only up to the limit; 16 MiB would be read whole before.
    Flux<ByteBuf> sixteenMebibytes =
        Flux.range(0, 256).map(i -> Unpooled.wrappedBuffer(new byte[64 * 1024]));
    Integer status =
        HttpClient.create()
            .headers(headers -> headers.set("Content-Type", "application/json"))
            .post()
            .uri(emulator.baseUrl() + "/authentication")
            .send(sixteenMebibytes)
            .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
            .block(Duration.ofSeconds(20));

    assertThat(status).isEqualTo(413);
  }

  @Test
  void aLogInBodyWithinTheLimitStillLogsIn(OpenConnectorsEmulator emulator) {
    HttpResponse<String> response =
        new Http(emulator)
            .post(
                "/authentication",
                "{\"username\": \""
                    + OpenConnectorsEmulator.DEFAULT_USERNAME
                    + "\", \"password\": \""
                    + OpenConnectorsEmulator.DEFAULT_PASSWORD
                    + "\"}");

    assertThat(response.statusCode()).isEqualTo(200);
  }
}
