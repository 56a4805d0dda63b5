package io.github.openconnectors.reactor;

import io.github.openconnectors.core.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Caches the credentials of any source (a vault, a file, a log-in) and refreshes them with a single
 * flight: however many requests find them missing, stale or invalidated at once, one refresh runs
 * and all share its result.
 *
 * <p>When the credentials have a known expiry (by default the {@code exp} claim of a JWT bearer
 * token), two thresholds apply before it, as the AWS SDK's prefetch and stale times do:
 *
 * <ul>
 *   <li>inside the <em>prefetch</em> window one background refresh starts, while callers keep
 *       getting the still-valid credentials at once; a failed background refresh is tried again no
 *       more often than the retry interval while they stay valid;
 *   <li>past the <em>stale</em> point callers wait for the refresh. If it fails, they get its
 *       error, and the next caller tries again: nothing is cached from a failure.
 * </ul>
 *
 * <p>A refresh belongs to the provider, not to the request that started it: cancelling that request
 * does not cancel the refresh for the others. {@link #invalidate(Credentials)} drops the cached
 * credentials only if they are the ones refused, so a late 401 on replaced credentials does not
 * throw away the new ones. Time comes from a Reactor scheduler's clock (the parallel scheduler's by
 * default), so all of this runs in virtual time in tests.
 *
 * <pre>{@code
 * CredentialsProvider provider =
 *     CachingCredentialsProvider.builder(vault.read("open-connectors").map(Credentials::parse))
 *         .prefetch(Duration.ofMinutes(5))
 *         .stale(Duration.ofMinutes(1))
 *         .build();
 * }</pre>
 */
public final class CachingCredentialsProvider implements CredentialsProvider {

  private final Mono<Credentials> source;
  private final Function<Credentials, Optional<Instant>> expiry;
  private final long prefetchMillis;
  private final long staleMillis;
  private final long retryIntervalMillis;
  private final @Nullable Scheduler clock;
  private final AtomicReference<State> state = new AtomicReference<>(State.EMPTY);

  private CachingCredentialsProvider(Builder builder) {
    this.source = builder.source;
    this.expiry = builder.expiry;
    this.prefetchMillis = builder.prefetch.toMillis();
    this.staleMillis = builder.stale.toMillis();
    this.retryIntervalMillis = builder.retryInterval.toMillis();
    this.clock = builder.clock;
  }

  /**
   * Starts configuring a cache over a source of credentials.
   *
   * @param source subscribed to once per refresh; must not block
   * @return a builder
   */
  public static Builder builder(Mono<Credentials> source) {
    return new Builder(source);
  }

  /**
   * The cached credentials, refreshed first when there are none or they are stale.
   *
   * @return a Mono of the credentials to use now
   */
  @Override
  public Mono<Credentials> credentials() {
    return Mono.defer(
        () -> {
          long now = now();
          State current = state.get();
          Cached cached = current.cached;
          if (cached == null || now >= cached.expiresAt - staleMillis) {
            return refresh(false);
          }
          if (now >= cached.expiresAt - prefetchMillis
              && current.refreshing == null
              && now - current.lastBackgroundFailure >= retryIntervalMillis) {
            refresh(true);
          }
          return Mono.just(cached.credentials);
        });
  }

  /**
   * Drops the cached credentials if they are the ones refused; credentials that replaced them
   * already stay.
   *
   * @param stale the credentials a request was refused with
   */
  @Override
  public void invalidate(Credentials stale) {
    state.updateAndGet(
        current ->
            current.cached != null && current.cached.credentials.equals(stale)
                ? new State(null, current.refreshing, current.lastBackgroundFailure)
                : current);
  }

  /** Joins the refresh in flight, or starts one that no caller owns. */
  private Mono<Credentials> refresh(boolean background) {
    while (true) {
      State current = state.get();
      if (current.refreshing != null) {
        return current.refreshing.asMono();
      }
      Sinks.One<Credentials> refreshing = Sinks.one();
      if (state.compareAndSet(
          current, new State(current.cached, refreshing, current.lastBackgroundFailure))) {
        source.subscribe(
            fresh -> succeed(refreshing, fresh),
            failure -> fail(refreshing, failure, background),
            () ->
                fail(
                    refreshing,
                    new IllegalStateException(
                        "the credentials source completed without credentials"),
                    background));
        return refreshing.asMono();
      }
    }
  }

  private void succeed(Sinks.One<Credentials> refreshing, Credentials fresh) {
    long expiresAt = expiry.apply(fresh).map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
    state.updateAndGet(
        current -> new State(new Cached(fresh, expiresAt), null, current.lastBackgroundFailure));
    refreshing.tryEmitValue(fresh);
  }

  private void fail(Sinks.One<Credentials> refreshing, Throwable failure, boolean background) {
    long now = now();
    state.updateAndGet(
        current ->
            current.refreshing != refreshing
                ? current
                : new State(
                    current.cached, null, background ? now : current.lastBackgroundFailure));
    refreshing.tryEmitError(failure);
  }

  private long now() {
    return (clock != null ? clock : Schedulers.parallel()).now(TimeUnit.MILLISECONDS);
  }

  /** Credentials and when they expire (Long.MAX_VALUE when unknown). Never printed. */
  private static final class Cached {
    final Credentials credentials;
    final long expiresAt;

    Cached(Credentials credentials, long expiresAt) {
      this.credentials = credentials;
      this.expiresAt = expiresAt;
    }
  }

  /** What is cached, the refresh in flight, and when a background refresh last failed. */
  private static final class State {
    static final State EMPTY = new State(null, null, Long.MIN_VALUE / 2);

    final @Nullable Cached cached;
    final Sinks.@Nullable One<Credentials> refreshing;
    final long lastBackgroundFailure;

    State(
        @Nullable Cached cached,
        Sinks.@Nullable One<Credentials> refreshing,
        long lastBackgroundFailure) {
      this.cached = cached;
      this.refreshing = refreshing;
      this.lastBackgroundFailure = lastBackgroundFailure;
    }
  }

  /**
   * Describes the provider, never its credentials.
   *
   * @return for example {@code "CachingCredentialsProvider[cached=true, refreshing=false]"}
   */
  @Override
  public String toString() {
    State current = state.get();
    return "CachingCredentialsProvider[cached="
        + (current.cached != null)
        + ", refreshing="
        + (current.refreshing != null)
        + "]";
  }

  /** Configures a {@link CachingCredentialsProvider}. */
  public static final class Builder {
    private final Mono<Credentials> source;
    private Function<Credentials, Optional<Instant>> expiry = Jwt::expiry;
    private Duration prefetch = Duration.ofMinutes(5);
    private Duration stale = Duration.ofMinutes(1);
    private Duration retryInterval = Duration.ofSeconds(30);
    private @Nullable Scheduler clock;

    private Builder(Mono<Credentials> source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * How to tell when credentials expire.
     *
     * @param expiry gives the expiry, or empty when unknown (then they are kept until invalidated);
     *     by default the {@code exp} claim of a JWT bearer token
     * @return this builder
     */
    public Builder expiry(Function<Credentials, Optional<Instant>> expiry) {
      this.expiry = Objects.requireNonNull(expiry, "expiry");
      return this;
    }

    /**
     * How long before expiry a background refresh starts.
     *
     * @param prefetch at least the stale time; 5 minutes by default
     * @return this builder
     */
    public Builder prefetch(Duration prefetch) {
      this.prefetch = notNegative(prefetch, "prefetch");
      return this;
    }

    /**
     * How long before expiry callers stop getting the cached credentials and wait for a refresh.
     *
     * @param stale zero or more, at most the prefetch time; 1 minute by default
     * @return this builder
     */
    public Builder stale(Duration stale) {
      this.stale = notNegative(stale, "stale");
      return this;
    }

    /**
     * How soon a failed background refresh is tried again, while the credentials are still valid.
     *
     * @param retryInterval zero or more; 30 seconds by default
     * @return this builder
     */
    public Builder backgroundRetryInterval(Duration retryInterval) {
      this.retryInterval = notNegative(retryInterval, "retryInterval");
      return this;
    }

    /**
     * The clock of expiry decisions.
     *
     * @param clock a scheduler whose {@code now} is read; Reactor's parallel scheduler by default,
     *     which virtual time replaces in tests
     * @return this builder
     */
    public Builder clock(Scheduler clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the provider; nothing is fetched until credentials are first asked for.
     *
     * @return the provider
     * @throws IllegalArgumentException if the stale time exceeds the prefetch time
     */
    public CachingCredentialsProvider build() {
      if (stale.compareTo(prefetch) > 0) {
        throw new IllegalArgumentException(
            "stale (" + stale + ") must not exceed prefetch (" + prefetch + ")");
      }
      return new CachingCredentialsProvider(this);
    }

    private static Duration notNegative(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + duration);
      }
      return duration;
    }
  }
}
