package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import tools.jackson.core.JsonParser;

/**
 * One listing: follows {@code Elements-Next-Page-Token} cursors for each subscription, which starts
 * from its own first page; the next page is requested only when downstream demand reaches it.
 * Unbounded demand reaches every page at once: then the next pages are requested as soon as the
 * cursors are known, so that the service prepares them while the client reads the current one.
 *
 * <p>Made with all it needs to ask for a page (the {@link Requests}, the API, the first page's URI,
 * the items' reader), it sends each page's request itself: a request goes one way, client, paging,
 * requests, transport, and nothing calls back up for a URI or a page. The engine below, on a
 * function of the cursor, is static so that tests can drive it with pages of their own.
 *
 * @param <T> the item type
 */
final class Paging<T> {

  static final String NEXT_PAGE_TOKEN = "Elements-Next-Page-Token";
  static final String TOTAL_COUNT = "Elements-Total-Count";

  /** Where one listing stands: the cursor to ask for, and every cursor given so far. */
  static final class Cursor {
    private @Nullable String current;
    private boolean done;
    private @Nullable String requestId;
    private @Nullable Long totalCount;
    private final Set<String> given = new HashSet<>();
    private Runnable onAdvance = () -> {};

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
        onAdvance.run();
        return Mono.empty();
      }
      if (!given.add(next) || next.equals(current)) {
        return Mono.error(new RepeatedCursor());
      }
      current = next;
      onAdvance.run();
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

  private static final int PAGES_IN_FLIGHT = OpenConnectorsClient.CONNECTIONS_PER_LISTING;

  private static final int READ_AHEAD_ITEMS = OpenConnectorsClient.READ_AHEAD_ITEMS_PER_PAGE;

  private final Requests requests;
  private final ApiKind kind;
  private final RequestUri firstPage;
  private final Function<JsonParser, T> reader;

  /**
   * @param firstPage the listing's URI without a cursor; each page adds its {@code nextPage}
   */
  Paging(Requests requests, ApiKind kind, RequestUri firstPage, Function<JsonParser, T> reader) {
    this.requests = requests;
    this.kind = kind;
    this.firstPage = firstPage;
    this.reader = reader;
  }

  /** Every item of every page from {@code start} (a next-page token, or null for the first). */
  Flux<T> items(@Nullable String start) {
    return items(start, this::page);
  }

  /** Every page, whole, from {@code start}. */
  Flux<Page<T>> wholePages(@Nullable String start) {
    return wholePages(start, this::page);
  }

  /** The page at the cursor; its headers advance the cursor. */
  private Flux<T> page(Cursor cursor) {
    return requests.getArray(
        kind, firstPage.with("nextPage", cursor.current()), cursor::advance, reader);
  }

  /**
   * Every item of every page, lazily. As {@link #pages} when demand is bounded. When the
   * subscriber's first request is unbounded ({@code count()}, {@code collectList()}, {@code
   * blockLast()}, a plain {@code subscribe}) and it has taken a whole first page, two pages are
   * read ahead from then on: the next page is requested as soon as the page before it has given its
   * cursor in its headers, and its items (at most {@value
   * OpenConnectorsClient#READ_AHEAD_ITEMS_PER_PAGE} per page) wait until the pages before it have
   * emitted their own. The first page alone is read on its own, so that {@code next()} or {@code
   * blockFirst()}, which ask for everything and cancel after one item, send one request. Items keep
   * the service's order, and a page that fails ends the listing after every item of the pages
   * before it. Items are delivered on the event loop that asks for them, when one does ({@link
   * RequesterLoopDelivery}).
   */
  static <I> Flux<I> items(@Nullable String start, Function<Cursor, Flux<I>> page) {
    return new RequesterLoopDelivery<I>(
        new SubscribeOnDemand<>(
            firstRequest ->
                firstRequest == Long.MAX_VALUE ? readAhead(start, page) : pages(start, page)));
  }

  private static <I> Flux<I> readAhead(@Nullable String start, Function<Cursor, Flux<I>> page) {
    return Flux.defer(
        () -> {
          Cursor cursor = new Cursor(start);
          return page.apply(cursor)
              .concatWith(Flux.defer(() -> cursor.done ? Flux.empty() : pipelined(cursor, page)));
        });
  }

  /** The pages from the cursor's current one on, each requested once the one before has headers. */
  private static <I> Flux<I> pipelined(Cursor cursor, Function<Cursor, Flux<I>> page) {
    // One position per page, given when the page before has given its cursor. Headers arrive on
    // whichever event loop carries their connection, so one loop may give a position while another
    // is still handing on the one before (and subscribing to its page from there): the sink of
    // Flux.create serializes such signals, queueing the later one, and drops them once the listing
    // is cancelled. The cursor itself is never touched by two threads at once: a page is requested
    // only after the position before it was taken, and only its response advances the cursor.
    Flux<Cursor> positions =
        Flux.create(
            sink -> {
              cursor.onAdvance =
                  () -> {
                    if (cursor.done) {
                      sink.complete();
                    } else {
                      sink.next(cursor);
                    }
                  };
              sink.next(cursor);
            },
            FluxSink.OverflowStrategy.BUFFER);
    return positions
        // A page's failure travels as its last item, so that it comes after the items of the
        // pages before it, not as soon as it happens.
        .flatMapSequential(
            at ->
                page.apply(at)
                    .map(Outcome::<I>item)
                    .onErrorResume(failure -> Mono.just(Outcome.failure(failure))),
            PAGES_IN_FLIGHT,
            READ_AHEAD_ITEMS)
        .handle(Outcome::deliver);
  }

  /** An item of a page read ahead, or the failure that ended that page. */
  private static final class Outcome<I> {
    private final @Nullable I item;
    private final @Nullable Throwable failure;

    private Outcome(@Nullable I item, @Nullable Throwable failure) {
      this.item = item;
      this.failure = failure;
    }

    static <I> Outcome<I> item(I item) {
      return new Outcome<>(item, null);
    }

    static <I> Outcome<I> failure(Throwable failure) {
      return new Outcome<>(null, failure);
    }

    void deliver(SynchronousSink<I> sink) {
      if (failure != null) {
        sink.error(failure);
      } else {
        sink.next(Objects.requireNonNull(item));
      }
    }
  }

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

  /**
   * Every page, whole, lazily, as {@link #pages}: {@code items} reads the items of the page at the
   * cursor, which are collected with the page's next-page token, total and request id.
   */
  static <I> Flux<Page<I>> wholePages(@Nullable String start, Function<Cursor, Flux<I>> items) {
    return new RequesterLoopDelivery<>(wholePagesAsRead(start, items));
  }

  private static <I> Flux<Page<I>> wholePagesAsRead(
      @Nullable String start, Function<Cursor, Flux<I>> items) {
    return pages(
        start,
        cursor ->
            items
                .apply(cursor)
                .collectList()
                .map(
                    list ->
                        new Page<>(list, cursor.next(), cursor.totalCount(), cursor.requestId()))
                .flux());
  }
}
