package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The mapping of what went wrong to the exception a caller gets, without a server. */
class FailuresTest {

  private static final Failures FAILURES =
      new Failures(
          JsonMapper.builder().build().readerFor(JsonNode.class),
          Duration.ofSeconds(30),
          URI.create("https://api.example.com/elements/api-v2"));
  private static final ErrorContext SENT = ErrorContext.noResponse("GET", "/instances/42");

  @Test
  void aRequestIsNamedByTheBaseUrlItWentToAndItsQuerysNamesNeverTheirValues() {
    ErrorContext sent =
        FAILURES.sending(
            "GET",
            new RequestUri("/instances")
                .param("pageSize", 200)
                .param("nextPage", "cursor-that-may-be-secret"));

    OpenConnectorsException refused =
        FAILURES.refused(
            sent.withStatus(500, null),
            "Internal Server Error",
            new DefaultHttpHeaders(),
            new byte[0]);

    assertThat(refused)
        .hasMessage(
            "GET https://api.example.com/elements/api-v2/instances (query: pageSize, nextPage):"
                + " 500 Internal Server Error")
        .hasMessageNotContaining("cursor-that-may-be-secret");
    assertThat(refused.path()).isEqualTo("/instances");
  }

  @Test
  void aNotFoundFromABaseUrlOutsideTheServicesApiSaysTheUrlMayBeWrong() {
    Failures elsewhere =
        new Failures(
            JsonMapper.builder().build().readerFor(JsonNode.class),
            Duration.ofSeconds(30),
            URI.create("https://api.example.com/elements"));
    ErrorContext sent = elsewhere.sending("GET", new RequestUri("/instances/42"));

    assertThat(
            elsewhere.refused(
                sent.withStatus(404, null), "Not Found", new DefaultHttpHeaders(), new byte[0]))
        .isInstanceOf(NotFoundException.class)
        .hasMessage(
            "GET https://api.example.com/elements/instances/42: 404 Not Found (the base URL's path"
                + " does not end in /elements/api-v2, where the service's API is: is the base URL"
                + " right?)");
    assertThat(
            elsewhere.refused(
                sent.withStatus(500, null),
                "Internal Server Error",
                new DefaultHttpHeaders(),
                new byte[0]))
        .as("only a 404 can be the URL's fault")
        .hasMessageNotContaining("base URL");
    assertThat(
            FAILURES.refused(
                FAILURES.sending("GET", new RequestUri("/instances/42")).withStatus(404, null),
                "Not Found",
                new DefaultHttpHeaders(),
                new byte[0]))
        .hasMessageNotContaining("base URL");
  }

  @Test
  void aRefusalTakesTheServicesMessagesFromItsErrorBodyAndTheWaitFromItsHeaders() {
    HttpHeaders headers = new DefaultHttpHeaders().set("Retry-After", "12");
    byte[] body =
        "{\"message\": \"Provider failed\", \"providerMessage\": \"upstream down\", \"requestId\": \"r-9\"}"
            .getBytes(StandardCharsets.UTF_8);

    OpenConnectorsException refused =
        FAILURES.refused(SENT.withStatus(503, null), "Service Unavailable", headers, body);

    assertThat(refused)
        .isInstanceOf(ServerException.class)
        .hasMessage(
            "GET /instances/42: 503 Service Unavailable: Provider failed (provider: upstream down)"
                + " (request r-9)");
    assertThat(refused.providerMessage()).hasValue("upstream down");
    assertThat(refused.retryAfter()).contains(Duration.ofSeconds(12));
    assertThat(refused.isTransient()).isTrue();
  }

  @Test
  void aRefusalWhoseBodyIsNotTheServicesJsonIsNamedByItsStatusAlone() {
    OpenConnectorsException refused =
        FAILURES.refused(
            SENT.withStatus(404, "r-1"),
            "Not Found",
            new DefaultHttpHeaders(),
            "<html>token=secret-value</html>".getBytes(StandardCharsets.UTF_8));

    assertThat(refused)
        .isInstanceOf(NotFoundException.class)
        .hasMessage("GET /instances/42: 404 Not Found (request r-1)");
    assertThat(refused.serviceMessage()).isEmpty();
    assertThat(refused.retryAfter()).isEmpty();
  }

  @Test
  void aBodyThatCannotBeReadIsAProtocolFailureThatLocatesWithoutQuoting() {
    ErrorContext answered = SENT.withStatus(200, "r-2");

    assertThat(FAILURES.body(new JsonItemDecoder.BodyException("the body is empty"), answered))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("GET /instances/42: the body is empty (request r-2)");
    assertThat(FAILURES.body(new Paging.RepeatedCursor(), answered))
        .hasMessageContaining("a page cursor it had already given");
    assertThat(FAILURES.body(PrematureCloseException.TEST_EXCEPTION, answered))
        .hasMessageContaining("the connection closed before the body was complete");
    assertThat(FAILURES.body(ReadTimeoutException.INSTANCE, answered))
        .hasMessageContaining("the body stopped arriving: nothing for PT30S");
    assertThat(FAILURES.body(new IllegalStateException("token=secret-value"), answered))
        .hasMessage(
            "GET /instances/42: the body could not be read: IllegalStateException (request r-2)")
        .isNotInstanceOf(ConnectionException.class);
  }

  @Test
  void aFailureBeforeAnyResponseIsAConnectionFailureRetriedUnlessTlsRefusedTheServer() {
    OpenConnectorsException refused =
        Failures.transport(new ConnectException("Connection refused"), false, false, SENT);
    assertThat(refused)
        .isInstanceOf(ConnectionException.class)
        .hasMessage("GET /instances/42: no response: ConnectException (Connection refused)");
    assertThat(refused.isTransient()).isTrue();
    assertThat(((ConnectionException) refused).requestSent()).isFalse();

    OpenConnectorsException unanswered =
        Failures.transport(ReadTimeoutException.INSTANCE, false, true, SENT);
    assertThat(unanswered).hasMessage("GET /instances/42: no response in time");
    assertThat(((ConnectionException) unanswered).requestSent()).isTrue();

    OpenConnectorsException tls =
        Failures.transport(
            new IOException("wrapped", new SSLHandshakeException("PKIX path building failed")),
            false,
            true,
            SENT);
    assertThat(tls)
        .isInstanceOf(ConnectionException.class)
        .hasMessage(
            "GET /instances/42: the TLS handshake failed: SSLHandshakeException (PKIX path building"
                + " failed)");
    assertThat(tls.isTransient()).isFalse();
    assertThat(Failures.transport(new NotSslRecordException("plain"), false, true, SENT))
        .hasMessageContaining("the server did not answer in TLS (is it plain http?)");
  }

  @Test
  void aChainOfCausesThatLoopsIsWalkedAFiniteWay() {
    IOException first = new IOException("first");
    IOException second = new IOException("second", first);
    first.initCause(second);

    OpenConnectorsException failed = Failures.transport(first, false, true, SENT);

    assertThat(failed)
        .isInstanceOf(ConnectionException.class)
        .hasMessage("GET /instances/42: no response: IOException (first)");
    assertThat(failed.isTransient()).isTrue();
  }

  @Test
  void aFailureAfterTheResponseStartedIsAProtocolFailureNeverRetried() {
    OpenConnectorsException failed =
        Failures.transport(new IOException("reset"), true, true, SENT.withStatus(200, null));

    assertThat(failed)
        .isInstanceOf(ProtocolException.class)
        .hasMessage("GET /instances/42: the response failed: IOException");
    assertThat(RetryPolicy.isRetryable(failed)).isFalse();
  }
}
