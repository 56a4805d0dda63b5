package io.github.openconnectors.reactor;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientRequest;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The headers of one attempt that differ from request to request: its {@code Authorization} value,
 * its body's type and the observation's propagation headers. They travel in the subscriber's
 * context to a hook that the client's {@code HttpClient} runs on every request, which also marks
 * the attempt as sent: from then on the server may have received it.
 */
final class RequestHeaders {

  private static final Object KEY = RequestHeaders.class;

  private final String authorization;
  private final @Nullable String contentType;
  private final Instrumentation.Exchange exchange;
  private volatile boolean sent;

  RequestHeaders(
      String authorization, @Nullable String contentType, Instrumentation.Exchange exchange) {
    this.authorization = authorization;
    this.contentType = contentType;
    this.exchange = exchange;
  }

  /** The context that carries these headers to the request. */
  ContextView context() {
    return Context.of(KEY, this);
  }

  /**
   * Whether the request was begun: the connection was made and its headers are being written.
   * Before that, nothing of it can have reached the server.
   */
  boolean sent() {
    return sent;
  }

  /** Adds the headers in the request's context, if any, to the request. */
  static void addTo(HttpClientRequest request, Connection connection) {
    ContextView context = request.currentContextView();
    if (context.hasKey(KEY)) {
      RequestHeaders headers = context.get(KEY);
      headers.sent = true;
      request.requestHeaders().set(HttpHeaderNames.AUTHORIZATION, headers.authorization);
      if (headers.contentType != null) {
        request.requestHeaders().set(HttpHeaderNames.CONTENT_TYPE, headers.contentType);
      }
      headers.exchange.addHeaders(request.requestHeaders());
    }
  }

  /** Never the value: it is a credential. */
  @Override
  public String toString() {
    return "RequestHeaders[Authorization=REDACTED, sent=" + sent + "]";
  }
}
