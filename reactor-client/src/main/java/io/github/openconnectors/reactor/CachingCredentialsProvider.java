package io.github.openconnectors.reactor;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.reactor.fleet.SharedCache;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

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
 *       more often than the retry interval while they stay valid. The window never opens before
 *       half the credentials' lifetime has passed, so short-lived ones are not refreshed on every
 *       call;
 *   <li>past the <em>stale</em> point callers wait for the refresh. If it fails, they get its
 *       error, and the next caller tries again: nothing is cached from a failure. The stale point
 *       never comes before three quarters of the lifetime have passed, so that credentials that
 *       live no longer than the stale time (a one-minute token and the default stale time of one
 *       minute) are used for three quarters of their life, not refreshed on every call.
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

  private final RefreshingCache<Credentials> cache;
  private final @Nullable SharedSource<Credentials> shared;

  private CachingCredentialsProvider(Builder builder) {
    Function<Credentials, Optional<Instant>> expiry = builder.expiry;
    SharedCache sharedCache = builder.sharedCache;
    this.shared =
        sharedCache == null
            ? null
            : new SharedSource<>(
                sharedCache,
                Objects.requireNonNull(builder.sharedKey),
                builder.source,
                CredentialsText::write,
                CredentialsText::read,
                expiry);
    this.cache =
        new RefreshingCache<>(
            shared != null ? shared.get() : builder.source,
            credentials ->
                expiry.apply(credentials).map(Instant::toEpochMilli).orElse(Long.MAX_VALUE),
            builder.prefetch.toMillis(),
            builder.stale.toMillis(),
            builder.retryInterval.toMillis(),
            builder.clock,
            "the credentials source completed without credentials");
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
    return cache.get();
  }

  /**
   * Drops the cached credentials if they are the ones refused; credentials that replaced them
   * already stay.
   *
   * @param stale the credentials a request was refused with
   */
  @Override
  public void invalidate(Credentials stale) {
    // The fleet's first, so that a refresh started by the local invalidation waits for it.
    if (shared != null) {
      shared.invalidate(stale);
    }
    cache.invalidate(stale);
  }

  /** Tells {@code listener} of each refresh's outcome: null when it succeeded, else its failure. */
  void listen(Consumer<@Nullable Throwable> listener) {
    cache.listen(listener);
  }

  void stopListening(Consumer<@Nullable Throwable> listener) {
    cache.stopListening(listener);
  }

  /**
   * Describes the provider, never its credentials.
   *
   * @return for example {@code "CachingCredentialsProvider[cached=true, refreshing=false]"}
   */
  @Override
  public String toString() {
    return "CachingCredentialsProvider" + cache;
  }

  /** Configures a {@link CachingCredentialsProvider}. */
  public static final class Builder {
    private final Mono<Credentials> source;
    private Function<Credentials, Optional<Instant>> expiry = Jwt::expiry;
    private Duration prefetch = Duration.ofMinutes(5);
    private Duration stale = Duration.ofMinutes(1);
    private Duration retryInterval = Duration.ofSeconds(30);
    private @Nullable Scheduler clock;
    private @Nullable SharedCache sharedCache;
    private @Nullable String sharedKey;

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
      this.prefetch = Arguments.notNegative(prefetch, "prefetch");
      return this;
    }

    /**
     * How long before expiry callers stop getting the cached credentials and wait for a refresh.
     *
     * @param stale zero or more, at most the prefetch time; 1 minute by default
     * @return this builder
     */
    public Builder stale(Duration stale) {
      this.stale = Arguments.notNegative(stale, "stale");
      return this;
    }

    /**
     * How soon a failed background refresh is tried again, while the credentials are still valid.
     *
     * @param retryInterval zero or more; 30 seconds by default
     * @return this builder
     */
    public Builder backgroundRetryInterval(Duration retryInterval) {
      this.retryInterval = Arguments.notNegative(retryInterval, "backgroundRetryInterval");
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
     * Shares the credentials with the other replicas of the application through a {@link
     * SharedCache}: a refresh takes the credentials the fleet shares, and only one replica reads
     * the source when there are none; a 401 drops the shared credentials if they are still the ones
     * refused. Each replica keeps its own cache in front, with the windows above.
     *
     * @param cache the shared cache, as the {@code openconnectors-redis} module makes it
     * @param key names these credentials, the same in every replica (for example {@code "vault"});
     *     never a secret
     * @return this builder
     */
    public Builder shared(SharedCache cache, String key) {
      this.sharedCache = Objects.requireNonNull(cache, "cache");
      this.sharedKey = Arguments.notBlank(key, "key");
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
  }
}
