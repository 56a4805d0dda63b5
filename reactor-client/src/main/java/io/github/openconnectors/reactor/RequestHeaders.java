package io.github.openconnectors.reactor;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientRequest;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The headers of one request that differ from request to request: its {@code Authorization} value
 * and the observation's propagation headers. They travel in the subscriber's context to a hook that
 * the client's {@code HttpClient} runs on every request.
 */
final class RequestHeaders {

  private static final Object KEY = RequestHeaders.class;

  private final String authorization;
  private final Instrumentation.Exchange exchange;

  private RequestHeaders(String authorization, Instrumentation.Exchange exchange) {
    this.authorization = authorization;
    this.exchange = exchange;
  }

  /** The context that carries these headers to the request. */
  static ContextView of(String authorization, Instrumentation.Exchange exchange) {
    return Context.of(KEY, new RequestHeaders(authorization, exchange));
  }

  /** Adds the headers in the request's context, if any, to the request. */
  static void addTo(HttpClientRequest request, Connection connection) {
    ContextView context = request.currentContextView();
    if (context.hasKey(KEY)) {
      RequestHeaders headers = context.get(KEY);
      request.requestHeaders().set(HttpHeaderNames.AUTHORIZATION, headers.authorization);
      headers.exchange.addHeaders(request.requestHeaders());
    }
  }

  /** Never the value: it is a credential. */
  @Override
  public String toString() {
    return "RequestHeaders[Authorization=REDACTED]";
  }
}
