package io.github.openconnectors.reactor;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Maps what went wrong with a request to the {@link OpenConnectorsException} its caller gets: a
 * status the service refused with, a body that could not be read, a transport failure. Messages
 * locate, never quote: a body may hold an instance token.
 */
final class Failures {

  /** Where every base URL of the service ends: its hosts differ, this path does not. */
  static final String API_PATH = "/elements/api-v2";

  private final ObjectReader trees;
  private final Duration responseTimeout;
  private final URI baseUrl;
  // Said with every 404 when the base URL cannot be the service's API: the service's own 404 never
  // says that the URL is wrong, and a missing instance and a wrong URL otherwise read alike.
  private final String notFoundHint;

  /**
   * @param trees reads the service's error bodies
   * @param responseTimeout named when a body stops arriving
   * @param baseUrl named by every message
   */
  Failures(ObjectReader trees, Duration responseTimeout, URI baseUrl) {
    this.trees = trees;
    this.responseTimeout = responseTimeout;
    this.baseUrl = baseUrl;
    this.notFoundHint =
        baseUrl.getPath().endsWith(API_PATH)
            ? ""
            : " (the base URL's path does not end in "
                + API_PATH
                + ", where the service's API is: is the base URL right?)";
  }

  /** A request about to be sent: a failure before its response names it so. */
  ErrorContext sending(String method, RequestUri uri) {
    return ErrorContext.noResponse(method, baseUrl, uri);
  }

  /**
   * A response refused by its status: the class the status calls for, with the service's message,
   * provider message and request id from its error body (when it is the service's JSON) and the
   * {@code Retry-After} from its headers.
   *
   * @param context the request, with the response's status and request-id header
   * @param reason the status line's reason phrase
   * @param body the error body, as much of it as was kept
   */
  OpenConnectorsException refused(
      ErrorContext context, String reason, HttpHeaders headers, byte[] body) {
    int status = context.status();
    String requestId = context.requestId();
    String message = null;
    String providerMessage = null;
    try {
      JsonNode error = body.length == 0 ? null : trees.readValue(body);
      if (error != null && error.isObject()) {
        message = error.path("message").isString() ? error.path("message").asString() : null;
        providerMessage =
            error.path("providerMessage").isString()
                ? error.path("providerMessage").asString()
                : null;
        if (requestId == null && error.path("requestId").isString()) {
          requestId = error.path("requestId").asString();
        }
      }
    } catch (JacksonException notJson) {
      // An error body that is not the service's JSON: the status says enough.
    }
    Duration retryAfter =
        RetryAfter.parse(
            headers.get(HttpHeaderNames.RETRY_AFTER),
            Schedulers.parallel().now(TimeUnit.MILLISECONDS));
    ErrorContext failed =
        new ErrorContext(
            context.method(),
            context.path(),
            context.target(),
            status,
            requestId,
            message,
            providerMessage,
            retryAfter);
    String problem = status + " " + reason + (status == 404 ? notFoundHint : "");
    return OpenConnectorsException.forStatus(failed, problem);
  }

  /** A failure while reading a 2xx body: never retried, since items may have been emitted. */
  OpenConnectorsException body(Throwable failure, ErrorContext context) {
    if (failure instanceof JsonItemDecoder.BodyException
        || failure instanceof Paging.RepeatedCursor) {
      return new ProtocolException(
          context, Objects.requireNonNullElse(failure.getMessage(), "the body is malformed"), null);
    }
    if (failure instanceof JacksonException json) {
      // Jackson's own message quotes the body, which may hold an instance token: keep only where.
      TokenStreamLocation where = json.getLocation();
      return new ProtocolException(
          context,
          "the body is not valid JSON"
              + (where == null
                  ? ""
                  : " at line " + where.getLineNr() + ", column " + where.getColumnNr()),
          null);
    }
    if (failure instanceof PrematureCloseException) {
      return new ProtocolException(
          context, "the connection closed before the body was complete", failure);
    }
    if (failure instanceof ReadTimeoutException) {
      return new ProtocolException(
          context, "the body stopped arriving: nothing for " + responseTimeout, failure);
    }
    return new ProtocolException(
        context, "the body could not be read: " + failure.getClass().getSimpleName(), failure);
  }

  /**
   * A failure before any response: retried by the policy, unless it is TLS refusing the server (a
   * handshake or certificate failure), which no retry can mend.
   *
   * @param responded whether the response had begun
   * @param sent whether the request had begun to be written: a write that had may have been done
   */
  static OpenConnectorsException transport(
      Throwable failure, boolean responded, boolean sent, ErrorContext context) {
    if (responded) {
      return new ProtocolException(
          context, "the response failed: " + failure.getClass().getSimpleName(), failure);
    }
    SSLException tls = tlsFailure(failure);
    if (tls != null) {
      String problem =
          tls instanceof NotSslRecordException
              ? "the TLS handshake failed: the server did not answer in TLS (is it plain http?)"
              : "the TLS handshake failed: "
                  + tls.getClass().getSimpleName()
                  + describe(tls.getMessage());
      return new ConnectionException(context, problem, failure, false, sent);
    }
    String problem =
        failure instanceof ReadTimeoutException
            ? "no response in time"
            : "no response: " + failure.getClass().getSimpleName() + describe(failure.getMessage());
    return new ConnectionException(context, problem, failure, true, sent);
  }

  private static @Nullable SSLException tlsFailure(Throwable failure) {
    // A bounded walk: a chain of causes may loop (A caused by B caused by A).
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < 32; depth++, cause = cause.getCause()) {
      if (cause instanceof SSLException tls) {
        return tls;
      }
    }
    return null;
  }

  private static String describe(@Nullable String message) {
    return message == null ? "" : " (" + message + ")";
  }
}
