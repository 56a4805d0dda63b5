package io.github.openconnectors.redis;

import io.github.openconnectors.reactor.fleet.RateBudget;
import io.github.openconnectors.reactor.fleet.SharedCache;
import io.github.openconnectors.reactor.fleet.SharedValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A {@link SharedCache} on Redis: the replicas of one application share one log-in, one instance
 * token lookup and one read of rotated credentials.
 *
 * <ul>
 *   <li><b>Sealed at rest.</b> Values are encrypted with AES-256-GCM under a key from the
 *       application's configuration, bound to their Redis key; whoever reads Redis reads neither
 *       tokens nor secrets. A value sealed with another key is treated as missing.
 *   <li><b>One refresh for the fleet.</b> A replica that finds no value takes a lock with a lease
 *       ({@code SET NX PX}) in the script that looked, loads the value, and in one more script
 *       stores it with its expiry as the key's time to live and releases the lock; the others wait
 *       for the release, which Redis tells them with the value, sealed (pub/sub), and look once
 *       every 500 ms meanwhile in case that notice is lost (every 10 to 100 ms while their
 *       subscription is down). A replica that dies or fails holding the lock loses it when the
 *       lease ends or at once, and one of the waiters takes over. A replica that waited twice the
 *       lease in vain loads the value itself.
 *   <li><b>Compare-and-invalidate.</b> A refusal drops the stored value only if it is still the one
 *       refused: a Lua script compares keyed fingerprints atomically, so a late 401 on one replica
 *       never throws away the token another replica just fetched.
 *   <li><b>One rate budget.</b> {@link #rateBudget()} paces every replica's requests on one
 *       schedule per scope, and a 429 seen by one replica pauses them all.
 *   <li><b>Never fails because of Redis.</b> Each command has a short timeout; when Redis fails or
 *       is slow, the replica loads values itself, as it would without Redis, says so once (a WARN,
 *       and {@link #isSharing()} turns false), tries Redis again after a second, and says so when
 *       sharing resumes.
 * </ul>
 *
 * <pre>{@code
 * RedisSharedCache fleet =
 *     RedisSharedCache.builder("redis://redis.internal:6379", System.getenv("OC_CACHE_KEY")).build();
 * OpenConnectorsClient client =
 *     OpenConnectorsClient.builder()
 *         .baseUrl(url)
 *         .bearerLogin(username, password)
 *         .sharedCache(fleet)
 *         .build();
 * }</pre>
 *
 * <p>Close it when the application stops; it closes the Redis client only if it made it.
 */
public final class RedisSharedCache implements SharedCache, AutoCloseable {

  /**
   * How soon after Redis answers again a replica that keeps sending commands shares again, however
   * its connection was lost: Lettuce reconnects within a second, and a connection that has not come
   * back after {@code 3 s} is made anew.
   */
  public static final Duration SHARES_AGAIN_WITHIN = Duration.ofSeconds(6);

  private final RedisLink redis;
  private final RedisNotices notices;
  private final String namespace;
  private final RedisValues values;
  private final RateBudget rateBudget;

  private RedisSharedCache(Builder builder, SecureRandom random) {
    this.redis =
        builder.client != null
            ? RedisLink.onClient(
                builder.client, builder.uri.get(), builder.timeout, builder.connectTimeout)
            : RedisLink.ownClient(
                builder.resources, builder.uri.get(), builder.timeout, builder.connectTimeout);
    this.namespace = builder.namespace;
    this.notices = redis.notices(namespace);
    Sealing sealing = new Sealing(builder.key, random);
    // Loads the ciphers' providers here, where blocking is allowed, not on the first refresh.
    sealing.open("warm-up", sealing.seal("warm-up", "warm-up"));
    this.values =
        new RedisValues(
            redis, notices, sealing, random, namespace, builder.lease, builder.keepAtMost);
    this.rateBudget = new RedisRateBudget(redis, notices, namespace);
  }

  /** The fleet's notices to this replica (for tests). */
  RedisNotices notices() {
    return notices;
  }

  /**
   * Starts configuring a cache on the Redis at {@code url}.
   *
   * @param url a Redis URI, such as {@code redis://host:6379} or {@code rediss://host:6380/0}; its
   *     password, if any, is never printed
   * @param key the encryption key, base64 of at least 32 random bytes (for example {@code openssl
   *     rand -base64 32}); the same in every replica
   * @return a builder
   * @throws IllegalArgumentException if the URL or the key is unusable; the message never quotes
   *     the key or a password
   */
  public static Builder builder(String url, String key) {
    Objects.requireNonNull(url, "url");
    try {
      RedisURI.create(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the Redis URL is not a Redis URI", null);
    }
    // A URI of its own for each cache built: its link fits the URI's timeout to the cache's.
    return new Builder(() -> RedisURI.create(url), null, decodeKey(key));
  }

  /**
   * Starts configuring a cache on an application's own Lettuce client, which it keeps open.
   *
   * @param client the application's client
   * @param uri where its Redis is
   * @param key the encryption key, as for {@link #builder(String, String)}
   * @return a builder
   */
  public static Builder builder(RedisClient client, RedisURI uri, String key) {
    Objects.requireNonNull(uri, "uri");
    return new Builder(() -> uri, Objects.requireNonNull(client, "client"), decodeKey(key));
  }

  private static byte[] decodeKey(String key) {
    Objects.requireNonNull(key, "key");
    try {
      return Base64.getDecoder().decode(key.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the encryption key is not base64", null);
    }
  }

  @Override
  public Mono<String> get(String key, Mono<SharedValue> load) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(load, "load");
    return values.get(key, load);
  }

  @Override
  public Mono<Void> invalidate(String key, String refused) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(refused, "refused");
    return values.invalidate(key, refused);
  }

  /**
   * The fleet's rate budget, on this cache's connection: every replica spends one budget per scope
   * (the organization, each connector instance), and a 429 that one replica meets pauses every
   * replica's requests in that scope until its {@code Retry-After} has passed, the end of the pause
   * spread over a tenth of it. Turns are counted in Redis's clock. While Redis fails, each replica
   * keeps the budget alone (so a fleet of N may then send N times the rate), as for credentials.
   *
   * <pre>{@code
   * OpenConnectorsClient.builder()
   *     .sharedCache(fleet)
   *     .rateBudget(fleet.rateBudget())
   *     .rateLimit(RequestRate.of(100, Duration.ofSeconds(1)))
   * }</pre>
   *
   * @return the budget; the same one at every call
   */
  public RateBudget rateBudget() {
    return rateBudget;
  }

  /** The link to Redis this cache and its rate budget share. */
  RedisLink link() {
    return redis;
  }

  /**
   * Whether Redis answered the last command: false from a failure until Redis answers again.
   *
   * @return true while the fleet shares through Redis
   */
  public boolean isSharing() {
    return redis.isSharing();
  }

  /**
   * How many times a command failed and the replica went on without Redis.
   *
   * @return the count since this cache was made
   */
  public long fallbacks() {
    return redis.fallbacks();
  }

  /**
   * Closes the Redis client if this cache made it (and the threads it made, not the application's
   * {@link Builder#clientResources(ClientResources) resources}); an application's own client stays
   * open.
   */
  @Override
  public void close() {
    redis.close(notices.close());
  }

  /**
   * Describes the cache, never its key, values or Redis password.
   *
   * @return for example {@code "RedisSharedCache[localhost:6379, namespace=openconnectors,
   *     sharing=true]"}
   */
  @Override
  public String toString() {
    return "RedisSharedCache["
        + redis.where()
        + ", namespace="
        + namespace
        + ", sharing="
        + redis.isSharing()
        + "]";
  }

  /** Configures a {@link RedisSharedCache}. */
  public static final class Builder {
    private final Supplier<RedisURI> uri;
    private final @Nullable RedisClient client;
    private final byte[] key;
    private @Nullable ClientResources resources;
    private String namespace = "openconnectors";
    private Duration timeout = Duration.ofMillis(500);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration lease = Duration.ofSeconds(10);
    private Duration keepAtMost = Duration.ofHours(12);

    private Builder(Supplier<RedisURI> uri, @Nullable RedisClient client, byte[] key) {
      this.uri = uri;
      this.client = client;
      this.key = key;
    }

    /**
     * The prefix of every key, so that several applications can share one Redis.
     *
     * @param namespace not blank; {@code "openconnectors"} by default
     * @return this builder
     */
    public Builder namespace(String namespace) {
      Objects.requireNonNull(namespace, "namespace");
      if (namespace.isBlank()) {
        throw new IllegalArgumentException("namespace must not be blank");
      }
      this.namespace = namespace;
      return this;
    }

    /**
     * The application's Lettuce resources, whose threads the cache's own client then shares (as
     * Spring Boot shares its {@code ClientResources} bean) instead of starting its own: the cache
     * uses {@link ClientResources#mutate() a copy} with its own reconnection delay, and closing the
     * cache leaves the application's resources running. Not used with an application's own client
     * ({@link RedisSharedCache#builder(RedisClient, RedisURI, String)}), which brings its
     * resources.
     *
     * @param resources the application's resources; by default the cache makes its own
     * @return this builder
     */
    public Builder clientResources(ClientResources resources) {
      this.resources = Objects.requireNonNull(resources, "resources");
      return this;
    }

    /**
     * How long one Redis command may take before the replica goes on without Redis.
     *
     * @param timeout positive; 500 ms by default
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * How long connecting to Redis may take before the replica goes on without Redis; the
     * connection is made when the cache is built, and again after Redis was lost.
     *
     * @param connectTimeout positive; 2 s by default
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * How long a replica holds the lock of a refresh at most: the longest a log-in or lookup may
     * take. The others wait for its value as long, then load it themselves.
     *
     * @param lease positive; 10 s by default
     * @return this builder
     */
    public Builder lease(Duration lease) {
      this.lease = positive(lease, "lease");
      return this;
    }

    /**
     * How long a value without a known expiry (an instance token, credentials from a vault) is
     * kept; one with an expiry is kept until then, but no longer than this.
     *
     * @param keepAtMost positive; 12 hours by default
     * @return this builder
     */
    public Builder keepAtMost(Duration keepAtMost) {
      this.keepAtMost = positive(keepAtMost, "keepAtMost");
      return this;
    }

    /**
     * Makes the cache; it connects to Redis on first use.
     *
     * @return the cache
     * @throws IllegalArgumentException if the key is shorter than 32 bytes
     */
    public RedisSharedCache build() {
      SecureRandom nonces;
      try {
        // Seeded here, where blocking is allowed; it reads no file afterwards.
        nonces = SecureRandom.getInstance("DRBG");
        nonces.nextBytes(new byte[1]);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform from 9 on has DRBG", e);
      }
      RedisSharedCache cache = new RedisSharedCache(this, nonces);
      // Connects now, without waiting: the first refresh finds the connection made.
      cache.redis.connectNow();
      cache.notices.connectNow();
      return cache;
    }

    private static Duration positive(Duration duration, String name) {
      Objects.requireNonNull(duration, name);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + duration);
      }
      return duration;
    }
  }
}
