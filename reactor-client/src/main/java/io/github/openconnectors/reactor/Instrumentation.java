package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * What the client reports of its work: Micrometer observations and meters when the application
 * gives registries, nothing otherwise. No Micrometer type appears here, so that the client loads
 * and runs without Micrometer on the class path; the implementations that use it are loaded only
 * when a registry is given.
 */
interface Instrumentation {

  /** Reports nothing, and tells the client to add no stage for it. */
  Instrumentation NONE = new Instrumentation() {};

  /** Whether {@link #exchange} observes: without it, requests are sent as they are. */
  default boolean observesExchanges() {
    return false;
  }

  /**
   * Starts observing one HTTP exchange.
   *
   * @param method the HTTP method
   * @param uri the request's URI, whose template and safe path may be reported
   * @param kind which credentials it carries, or null for the log-in, which carries none
   * @param context the subscriber's context, where a parent observation may be
   */
  default Exchange exchange(
      String method, RequestUri uri, @Nullable ApiKind kind, ContextView context) {
    return Exchange.NONE;
  }

  /** A failed attempt is about to be tried again. */
  default void retrying(Throwable failure) {}

  /** A request refused with 401 is sent again with other credentials. */
  default void resendingAfterUnauthorized(ApiKind kind) {}

  /**
   * A credentials cache refreshed.
   *
   * @param credentials which cache: {@code provider}, {@code bearer-login} or {@code
   *     instance-token}
   * @param failure why it failed, or null when it succeeded
   */
  default void refreshed(String credentials, @Nullable Throwable failure) {}

  /** Items of a listing were read from its body. */
  default void itemsRead(RequestUri uri, int count) {}

  /** A listing's page was read to its end. */
  default void pageRead(RequestUri uri) {}

  /** One HTTP exchange under observation. */
  interface Exchange {

    /** Observes nothing. */
    Exchange NONE = new Exchange() {};

    /** Adds what propagates the observation (a trace context) to the request's headers. */
    default void addHeaders(HttpHeaders headers) {}

    /** The response's status line arrived. */
    default void responded(int status, @Nullable String requestId) {}

    /** The exchange failed. */
    default void failed(Throwable failure) {}

    /** The exchange is over: completed, failed or cancelled. */
    default void end() {}
  }

  /** Reports to each of several. */
  static Instrumentation all(List<Instrumentation> parts) {
    List<Instrumentation> used = parts.stream().filter(part -> part != NONE).toList();
    if (used.isEmpty()) {
      return NONE;
    }
    return used.size() == 1 ? used.get(0) : new Composite(used);
  }

  /** Several instrumentations, reported to in order. */
  final class Composite implements Instrumentation {
    private final List<Instrumentation> parts;

    Composite(List<Instrumentation> parts) {
      this.parts = List.copyOf(parts);
    }

    @Override
    public boolean observesExchanges() {
      return parts.stream().anyMatch(Instrumentation::observesExchanges);
    }

    @Override
    public Exchange exchange(
        String method, RequestUri uri, @Nullable ApiKind kind, ContextView context) {
      for (Instrumentation part : parts) {
        if (part.observesExchanges()) {
          return part.exchange(method, uri, kind, context);
        }
      }
      return Exchange.NONE;
    }

    @Override
    public void retrying(Throwable failure) {
      parts.forEach(part -> part.retrying(failure));
    }

    @Override
    public void resendingAfterUnauthorized(ApiKind kind) {
      parts.forEach(part -> part.resendingAfterUnauthorized(kind));
    }

    @Override
    public void refreshed(String credentials, @Nullable Throwable failure) {
      parts.forEach(part -> part.refreshed(credentials, failure));
    }

    @Override
    public void itemsRead(RequestUri uri, int count) {
      parts.forEach(part -> part.itemsRead(uri, count));
    }

    @Override
    public void pageRead(RequestUri uri) {
      parts.forEach(part -> part.pageRead(uri));
    }
  }
}
