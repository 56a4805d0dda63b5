package io.github.openconnectors.reactor;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Follows {@code Elements-Next-Page-Token} cursors for one subscription: each subscription starts
 * from its own first page, and the next page is requested only when downstream demand reaches it.
 */
final class Paging {

  static final String NEXT_PAGE_TOKEN = "Elements-Next-Page-Token";
  static final String TOTAL_COUNT = "Elements-Total-Count";

  /** Where one listing stands: the cursor to ask for, and every cursor given so far. */
  static final class Cursor {
    private @Nullable String current;
    private boolean done;
    private @Nullable String requestId;
    private @Nullable Long totalCount;
    private final Set<String> given = new HashSet<>();

    Cursor(@Nullable String start) {
      this.current = start;
    }

    @Nullable String current() {
      return current;
    }

    @Nullable String next() {
      return done ? null : current;
    }

    @Nullable String requestId() {
      return requestId;
    }

    @Nullable Long totalCount() {
      return totalCount;
    }

    /**
     * Takes a page's headers: the next cursor, or the end.
     *
     * @return an error when the service hands back a cursor it already gave in this listing
     */
    Mono<Void> advance(HttpHeaders headers) {
      String next = headers.get(NEXT_PAGE_TOKEN);
      requestId = headers.get(Requests.REQUEST_ID);
      totalCount = parseCount(headers.get(TOTAL_COUNT));
      if (next == null || next.isEmpty()) {
        done = true;
        return Mono.empty();
      }
      if (!given.add(next) || next.equals(current)) {
        return Mono.error(new RepeatedCursor());
      }
      current = next;
      return Mono.empty();
    }

    private static @Nullable Long parseCount(@Nullable String count) {
      try {
        return count == null ? null : Long.valueOf(count.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  /** Signals a cursor the service already gave: turned into a {@link ProtocolException}. */
  static final class RepeatedCursor extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RepeatedCursor() {
      super(
          "the service gave a page cursor it had already given in this listing",
          null,
          false,
          false);
    }
  }

  private Paging() {}

  /**
   * Every page, lazily: {@code page} fetches the page at the cursor's current position and calls
   * {@link Cursor#advance} when its headers arrive.
   */
  static <P> Flux<P> pages(@Nullable String start, Function<Cursor, Flux<P>> page) {
    return Flux.defer(
        () -> {
          Cursor cursor = new Cursor(start);
          return Flux.<Cursor>generate(
                  sink -> {
                    if (cursor.done) {
                      sink.complete();
                    } else {
                      sink.next(cursor);
                    }
                  })
              .concatMap(at -> new SubscribeOnDemand<>(() -> page.apply(at)), 0);
        });
  }
}
