package io.github.openconnectors.reactor;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What an exception reports of a failed request: {@code path} is relative to the base URL and
 * without a query, {@code target} is how the message names the request, such as {@code
 * https://host/elements/api-v2/instances (query: pageSize)}.
 */
record ErrorContext(
    String method,
    String path,
    String target,
    int status,
    @Nullable String requestId,
    @Nullable String serviceMessage,
    @Nullable String providerMessage,
    @Nullable Duration retryAfter) {

  /** A request named by its path alone, as {@link OpenConnectorsException#create} makes one. */
  static ErrorContext noResponse(String method, String path) {
    return new ErrorContext(method, path, path, 0, null, null, null, null);
  }

  /**
   * A request to the service, not yet answered: its message shows the base URL, which is what a
   * user with a wrong URL needs to see, and the query's names, never their values.
   */
  static ErrorContext noResponse(String method, URI baseUrl, RequestUri uri) {
    String names = uri.queryNames();
    String target = baseUrl + uri.path() + (names.isEmpty() ? "" : " (query: " + names + ")");
    return new ErrorContext(method, uri.path(), target, 0, null, null, null, null);
  }

  ErrorContext withStatus(int status, @Nullable String requestId) {
    return new ErrorContext(
        method, path, target, status, requestId, serviceMessage, providerMessage, retryAfter);
  }
}
