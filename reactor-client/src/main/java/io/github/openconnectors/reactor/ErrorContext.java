package io.github.openconnectors.reactor;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What an exception reports of a failed request. */
record ErrorContext(
    String method,
    String path,
    int status,
    @Nullable String requestId,
    @Nullable String serviceMessage,
    @Nullable String providerMessage,
    @Nullable Duration retryAfter) {

  static ErrorContext noResponse(String method, String path) {
    return new ErrorContext(method, path, 0, null, null, null, null);
  }

  ErrorContext withStatus(int status, @Nullable String requestId) {
    return new ErrorContext(
        method, path, status, requestId, serviceMessage, providerMessage, retryAfter);
  }
}
