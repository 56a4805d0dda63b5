package io.github.openconnectors.benchmarks;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The emulator every contender lists: where it is, how to authenticate, how pages are asked for.
 */
final class Target {

  static final int PAGE_SIZE = 200;
  static final String NEXT_PAGE = "Elements-Next-Page-Token";

  final String baseUrl;
  final Credentials credentials;

  Target(String baseUrl, Credentials credentials) {
    this.baseUrl = baseUrl;
    this.credentials = credentials;
  }

  /** The header a peer sends: composed once, as a careful user of a peer would. */
  String authorization() {
    return credentials.authorizationFor(ApiKind.PLATFORM).value();
  }

  /** The path and query of a page, the cursor percent-encoded. */
  static String pagePath(@Nullable String cursor) {
    String path = "/instances?pageSize=" + PAGE_SIZE;
    return cursor == null
        ? path
        : path + "&nextPage=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  /**
   * Page after page, one at a time, as a peer's user would write it: a page is given its cursor
   * (null for the first) and reports the next one (null on the last page) once it knows it.
   */
  static <T> Flux<T> pageAfterPage(
      BiFunction<@Nullable String, Consumer<@Nullable String>, Flux<T>> page) {
    return Flux.defer(
        () -> {
          AtomicBoolean first = new AtomicBoolean(true);
          AtomicReference<@Nullable String> next = new AtomicReference<>();
          return Flux.defer(() -> page.apply(first.getAndSet(false) ? null : next.get(), next::set))
              .repeat(() -> next.get() != null);
        });
  }

  /** Pages reading ahead, as this client does: at most this many pages in flight. */
  static final int PAGES_IN_FLIGHT = OpenConnectorsClient.CONNECTIONS_PER_LISTING;

  /**
   * Pages reading ahead: the next page is requested as soon as the page before has reported its
   * cursor, up to {@value #PAGES_IN_FLIGHT} pages in flight, their items kept in page order.
   */
  static <T> Flux<T> readingAhead(
      BiFunction<@Nullable String, Consumer<@Nullable String>, Flux<T>> page) {
    return Flux.defer(
        () -> {
          AtomicReference<@Nullable FluxSink<Optional<String>>> cursors = new AtomicReference<>();
          Consumer<@Nullable String> next =
              cursor -> {
                FluxSink<Optional<String>> sink = Objects.requireNonNull(cursors.get());
                if (cursor == null || cursor.isEmpty()) {
                  sink.complete();
                } else {
                  sink.next(Optional.of(cursor));
                }
              };
          // A page reports its cursor on its connection's event loop; the sink of Flux.create
          // serializes the reports of pages on different loops.
          return Flux.<Optional<String>>create(
                  sink -> {
                    cursors.set(sink);
                    sink.next(Optional.empty());
                  },
                  FluxSink.OverflowStrategy.BUFFER)
              .flatMapSequential(cursor -> page.apply(cursor.orElse(null), next), PAGES_IN_FLIGHT);
        });
  }
}
