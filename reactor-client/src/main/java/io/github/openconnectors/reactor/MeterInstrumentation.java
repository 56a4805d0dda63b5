package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Counters of the client's work beside its requests: credential refreshes, 401 re-sends, retries,
 * and items and pages of listings. Tags hold kinds and templates only, never a value from a
 * response or a secret.
 */
final class MeterInstrumentation implements Instrumentation {

  static final String REFRESHES = "openconnectors.client.credentials.refreshes";
  static final String RESENDS = "openconnectors.client.unauthorized.resends";
  static final String RETRIES = "openconnectors.client.retries";
  static final String ITEMS = "openconnectors.client.items";
  static final String PAGES = "openconnectors.client.pages";

  private final MeterRegistry registry;
  // Counters by their tags, found once: a listing counts its items chunk after chunk.
  private final Map<String, Counter> items = new ConcurrentHashMap<>();
  private final Map<String, Counter> pages = new ConcurrentHashMap<>();

  MeterInstrumentation(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void retrying(Throwable failure) {
    registry.counter(RETRIES, "reason", reason(failure)).increment();
  }

  @Override
  public void resendingAfterUnauthorized(ApiKind kind) {
    registry
        .counter(RESENDS, "api.kind", kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
        .increment();
  }

  @Override
  public void refreshed(String credentials, @Nullable Throwable failure) {
    registry
        .counter(
            REFRESHES,
            "credentials",
            credentials,
            "outcome",
            failure == null ? "success" : "failure",
            "exception",
            failure == null ? "none" : failure.getClass().getSimpleName())
        .increment();
  }

  @Override
  public void itemsRead(RequestUri uri, int count) {
    if (count > 0) {
      items
          .computeIfAbsent(uri.template(), template -> registry.counter(ITEMS, "uri", template))
          .increment(count);
    }
  }

  @Override
  public void pageRead(RequestUri uri) {
    pages
        .computeIfAbsent(uri.template(), template -> registry.counter(PAGES, "uri", template))
        .increment();
  }

  /**
   * Why a request is tried again: {@code rate-limited}, {@code server-error} or {@code connection}.
   */
  private static String reason(Throwable failure) {
    if (failure instanceof RateLimitedException) {
      return "rate-limited";
    }
    if (failure instanceof ServerException) {
      return "server-error";
    }
    if (failure instanceof ConnectionException) {
      return "connection";
    }
    return "other";
  }
}
