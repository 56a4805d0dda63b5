package io.github.openconnectors.reactor;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One cached value with a single-flight refresh, a prefetch window and a stale point: the engine of
 * {@link CachingCredentialsProvider} and of the instance-token cache. Thread-safe, lock-free.
 */
final class RefreshingCache<T> {

  private final Mono<T> source;
  private final ToLongFunction<T> expiresAtMillis;
  private final long prefetchMillis;
  private final long staleMillis;
  private final long retryIntervalMillis;
  private final @Nullable Scheduler clock;
  private final String emptyMessage;
  private final AtomicReference<State<T>> state = new AtomicReference<>(State.empty());
  // What was refused last, and how many refusals there have been: a refresh that began before a
  // refusal may bring back the very value refused (a source read just before it rotated).
  private final AtomicReference<@Nullable T> lastRefused = new AtomicReference<>();
  private final AtomicLong refusals = new AtomicLong();
  // Told of every refresh's outcome (null for success): the client's meters.
  private final List<Consumer<@Nullable Throwable>> listeners = new CopyOnWriteArrayList<>();

  RefreshingCache(
      Mono<T> source,
      ToLongFunction<T> expiresAtMillis,
      long prefetchMillis,
      long staleMillis,
      long retryIntervalMillis,
      @Nullable Scheduler clock,
      String emptyMessage) {
    this.source = source;
    this.expiresAtMillis = expiresAtMillis;
    this.prefetchMillis = prefetchMillis;
    this.staleMillis = staleMillis;
    this.retryIntervalMillis = retryIntervalMillis;
    this.clock = clock;
    this.emptyMessage = emptyMessage;
  }

  /** A cache with no expiry: refreshed only when empty or invalidated. */
  static <T> RefreshingCache<T> untilInvalidated(Mono<T> source, String emptyMessage) {
    return new RefreshingCache<>(source, value -> Long.MAX_VALUE, 0, 0, 0, null, emptyMessage);
  }

  /**
   * The cached value, or the refresh that replaces it. The decision and the claim of a refresh are
   * made on one snapshot of the state: a caller that saw nothing cached and then finds a refresh
   * already finished by another takes that refresh's value instead of starting a second one.
   */
  Mono<T> get() {
    return Mono.defer(
        () -> {
          while (true) {
            // The state before the time: a value fetched after the time was read would look
            // fetched in the future.
            State<T> current = state();
            long now = now();
            Cached<T> cached = current.cached;
            if (cached == null || now >= cached.staleAt(staleMillis)) {
              if (current.refreshing != null) {
                return current.refreshing.asMono();
              }
              Sinks.One<T> refreshing = Sinks.one();
              if (claim(current, refreshing)) {
                fetch(refreshing, false, true);
                return refreshing.asMono();
              }
            } else if (now >= cached.prefetchAt(prefetchMillis)
                && current.refreshing == null
                && now - current.lastBackgroundFailure >= retryIntervalMillis) {
              Sinks.One<T> refreshing = Sinks.one();
              if (claim(current, refreshing)) {
                fetch(refreshing, true, true);
                return Mono.just(cached.value);
              }
            } else {
              return Mono.just(cached.value);
            }
            // Another caller changed the state since it was read: decide again.
          }
        });
  }

  /**
   * Drops the cached value if it equals {@code stale}, and remembers {@code stale}: a refresh in
   * flight that brings it back is not taken (see {@link #fetch}).
   */
  void invalidate(T stale) {
    lastRefused.set(stale);
    refusals.incrementAndGet();
    state.updateAndGet(
        current ->
            current.cached != null && current.cached.value.equals(stale)
                ? new State<>(null, current.refreshing, current.lastBackgroundFailure)
                : current);
  }

  /** Tells {@code listener} of each refresh's outcome: null when it succeeded, else its failure. */
  void listen(Consumer<@Nullable Throwable> listener) {
    listeners.add(listener);
  }

  void stopListening(Consumer<@Nullable Throwable> listener) {
    listeners.remove(listener);
  }

  /** Starts a refresh that no caller owns, if the state is still the one the decision read. */
  private boolean claim(State<T> current, Sinks.One<T> refreshing) {
    return state.compareAndSet(
        current, new State<>(current.cached, refreshing, current.lastBackgroundFailure));
  }

  /**
   * Reads the source for a refresh. If the value it brings was refused while it was being read, it
   * was read before whatever replaced it: the source is read once more, within the same refresh,
   * and that value is taken whatever it is (a source with nothing newer gives the refused value
   * again, and the caller's request then fails).
   */
  private void fetch(Sinks.One<T> refreshing, boolean background, boolean mayRepeat) {
    long refusalsBefore = refusals.get();
    // Not subscribe(value, error, complete): a Mono calls its complete consumer after the value
    // too, which would end a refresh that reads the source once more.
    source
        .switchIfEmpty(Mono.error(() -> new IllegalStateException(emptyMessage)))
        .subscribe(
            fresh -> {
              if (mayRepeat
                  && refusals.get() != refusalsBefore
                  && fresh.equals(lastRefused.get())) {
                fetch(refreshing, background, false);
              } else {
                succeed(refreshing, fresh);
              }
            },
            failure -> fail(refreshing, failure, background));
  }

  private void succeed(Sinks.One<T> refreshing, T fresh) {
    long fetchedAt = now();
    long expiresAt = expiresAtMillis.applyAsLong(fresh);
    state.updateAndGet(
        current ->
            new State<>(
                new Cached<>(fresh, fetchedAt, expiresAt), null, current.lastBackgroundFailure));
    listeners.forEach(listener -> listener.accept(null));
    refreshing.tryEmitValue(fresh);
  }

  @SuppressWarnings("ReferenceEquality") // this refresh, not one equal to it
  private void fail(Sinks.One<T> refreshing, Throwable failure, boolean background) {
    long now = now();
    state.updateAndGet(
        current ->
            current.refreshing != refreshing
                ? current
                : new State<>(
                    current.cached, null, background ? now : current.lastBackgroundFailure));
    listeners.forEach(listener -> listener.accept(failure));
    refreshing.tryEmitError(failure);
  }

  /** The state now: never null, since it starts as {@link State#empty()} and is only replaced. */
  private State<T> state() {
    return Objects.requireNonNull(state.get());
  }

  private long now() {
    return (clock != null ? clock : Schedulers.parallel()).now(TimeUnit.MILLISECONDS);
  }

  /** Says whether a value is cached and a refresh runs; never the value. */
  @Override
  public String toString() {
    State<T> current = state();
    return "[cached="
        + (current.cached != null)
        + ", refreshing="
        + (current.refreshing != null)
        + "]";
  }

  /**
   * A value, when it was fetched and when it expires (Long.MAX_VALUE when unknown). Never printed.
   */
  private static final class Cached<T> {
    final T value;
    final long fetchedAt;
    final long expiresAt;

    Cached(T value, long fetchedAt, long expiresAt) {
      this.value = Objects.requireNonNull(value);
      this.fetchedAt = fetchedAt;
      this.expiresAt = expiresAt;
    }

    /**
     * When the background refresh may start: the prefetch window before expiry, but never before
     * half the lifetime has passed, so that short-lived credentials are not refreshed on every
     * call.
     */
    long prefetchAt(long prefetchMillis) {
      return Math.max(expiresAt - prefetchMillis, fetchedAt + (expiresAt - fetchedAt) / 2);
    }

    /**
     * When callers stop getting the value and wait for a refresh: the stale point before expiry,
     * but never before three quarters of the lifetime have passed, so that credentials living no
     * longer than the stale time are not refreshed on every call. Never before the prefetch point,
     * since the stale time is at most the prefetch time.
     */
    long staleAt(long staleMillis) {
      long lifetime = expiresAt - fetchedAt;
      return Math.max(expiresAt - staleMillis, fetchedAt + (lifetime - lifetime / 4));
    }
  }

  /** What is cached, the refresh in flight, and when a background refresh last failed. */
  private static final class State<T> {
    final @Nullable Cached<T> cached;
    final Sinks.@Nullable One<T> refreshing;
    final long lastBackgroundFailure;

    State(
        @Nullable Cached<T> cached, Sinks.@Nullable One<T> refreshing, long lastBackgroundFailure) {
      this.cached = cached;
      this.refreshing = refreshing;
      this.lastBackgroundFailure = lastBackgroundFailure;
    }

    static <T> State<T> empty() {
      return new State<>(null, null, Long.MIN_VALUE / 2);
    }
  }
}
