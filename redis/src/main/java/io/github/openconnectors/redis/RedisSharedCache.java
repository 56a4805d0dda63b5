package io.github.openconnectors.redis;

import io.github.openconnectors.reactor.fleet.RateBudget;
import io.github.openconnectors.reactor.fleet.SharedCache;
import io.github.openconnectors.reactor.fleet.SharedValue;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * A {@link SharedCache} on Redis: the replicas of one application share one log-in, one instance
 * token lookup and one read of rotated credentials.
 *
 * <ul>
 *   <li><b>Sealed at rest.</b> Values are encrypted with AES-256-GCM under a key from the
 *       application's configuration, bound to their Redis key; whoever reads Redis reads neither
 *       tokens nor secrets. A value sealed with another key is treated as missing.
 *   <li><b>One refresh for the fleet.</b> A replica that finds no value takes a lock with a lease
 *       ({@code SET NX PX}), loads the value, stores it with its expiry as the key's time to live,
 *       and releases the lock; the others poll for the value meanwhile. A replica that dies or
 *       fails holding the lock loses it when the lease ends or at once, and one of the waiters
 *       takes over. A replica that waited twice the lease in vain loads the value itself.
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

  private static final Logger LOG = Loggers.getLogger(RedisSharedCache.class);

  /** Deletes the value if its fingerprint is the one refused; 1 if it did. */
  private static final String INVALIDATE_IF_REFUSED =
      "local v = redis.call('GET', KEYS[1]) "
          + "if v and string.sub(v, 1, "
          + Sealing.FINGERPRINT_LENGTH
          + ") == ARGV[1] then return redis.call('DEL', KEYS[1]) end "
          + "return 0";

  /** Deletes the lock if this replica still holds it; 1 if it did. */
  private static final String RELEASE_IF_HELD =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end "
          + "return 0";

  private static final Duration FIRST_POLL = Duration.ofMillis(10);
  private static final Duration LONGEST_POLL = Duration.ofMillis(100);
  private static final Duration RETRY_REDIS_AFTER = Duration.ofSeconds(1);

  private final RedisClient client;
  private final boolean ownsClient;
  private final @Nullable ClientResources resources;
  private final String where;
  private final String namespace;
  private final SecureRandom random;
  private final Sealing sealing;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final Duration lease;
  private final Duration keepAtMost;
  private final RedisConnection connection;
  private final AtomicBoolean sharing = new AtomicBoolean(true);
  private final AtomicLong fallbacks = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Map<String, Flight> flights = new ConcurrentHashMap<>();
  private volatile long skipRedisUntil = Long.MIN_VALUE;
  private final RateBudget rateBudget = new RedisRateBudget(this);

  private RedisSharedCache(Builder builder, SecureRandom random) {
    this.ownsClient = builder.client == null;
    // Its own resources, so that a Redis back after an outage is found within a second, not after
    // Lettuce's default back-off of up to 30 s.
    this.resources =
        ownsClient
            ? DefaultClientResources.builder()
                .reconnectDelay(
                    Delay.exponential(
                        Duration.ofMillis(10), RETRY_REDIS_AFTER, 2, TimeUnit.MILLISECONDS))
                .build()
            : null;
    this.client =
        builder.client != null
            ? builder.client
            : RedisClient.create(Objects.requireNonNull(resources));
    if (ownsClient) {
      // Refuse commands at once while disconnected, instead of queueing them until the timeout.
      client.setOptions(
          ClientOptions.builder()
              .autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .build());
    }
    RedisURI uri = builder.uri;
    this.where = uri.getHost() + ":" + uri.getPort();
    this.namespace = builder.namespace;
    this.random = random;
    this.sealing = new Sealing(builder.key, random);
    // Loads the ciphers' providers here, where blocking is allowed, not on the first refresh.
    sealing.open("warm-up", sealing.seal("warm-up", "warm-up"));
    this.timeout = builder.timeout;
    this.connectTimeout = builder.connectTimeout;
    this.lease = builder.lease;
    this.keepAtMost = builder.keepAtMost;
    this.connection = new RedisConnection(client, uri, where);
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
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the Redis URL is not a Redis URI", null);
    }
    return new Builder(uri, null, decodeKey(key));
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
    return new Builder(
        Objects.requireNonNull(uri, "uri"),
        Objects.requireNonNull(client, "client"),
        decodeKey(key));
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
    // One flight per key in this replica too: its callers share one value, one lock and one poll.
    return Mono.defer(() -> flights.computeIfAbsent(key, name -> new Flight(name, load)).value);
  }

  /**
   * One fetch of a value for every caller in this replica that asks while it runs. It belongs to
   * the cache: a caller that cancels does not cancel it for the others.
   */
  private final class Flight {
    final Mono<String> value;

    Flight(String key, Mono<SharedValue> load) {
      this.value =
          Mono.defer(() -> fetch(storedKey(key), load))
              .doFinally(signal -> flights.remove(key, this))
              .cache();
    }
  }

  private Mono<String> fetch(String stored, Mono<SharedValue> load) {
    if (!mayCallRedis()) {
      return loadAlone(load);
    }
    // Waiting stops when the value is stored or this replica takes the lock. The holder's lease
    // bounds each wait; should holders keep failing, twice the lease bounds it all.
    long deadline = now() + 2 * lease.toMillis();
    return findOrLoad(stored, load, deadline)
        .onErrorResume(RedisFailure.class, failure -> fellBack(failure).then(loadAlone(load)));
  }

  /** The stored value, or the one this replica loads under the lock, or the one it waited for. */
  private Mono<String> findOrLoad(String stored, Mono<SharedValue> load, long deadline) {
    return find(stored)
        .switchIfEmpty(
            Mono.defer(
                () -> {
                  String owner = owner();
                  return redis(
                          r ->
                              r.set(
                                  lockKey(stored),
                                  owner,
                                  SetArgs.Builder.nx().px(lease.toMillis())))
                      .hasElement()
                      .flatMap(
                          locked ->
                              locked
                                  ? underLock(stored, load, owner)
                                  : now() >= deadline
                                      ? loadAlone(load)
                                      : Mono.delay(pause(deadline), Schedulers.parallel())
                                          .then(findOrLoad(stored, load, deadline)));
                }));
  }

  /** Polls often at first, when the holder is most likely about to publish, then less often. */
  private Duration pause(long deadline) {
    long left = Math.max(1, deadline - now());
    long pause = Math.min(LONGEST_POLL.toMillis(), Math.max(FIRST_POLL.toMillis(), left / 50));
    return Duration.ofMillis(Math.min(pause, left));
  }

  /** Under the lock: loads, stores with the value's time to live, releases the lock. */
  private Mono<String> underLock(String stored, Mono<SharedValue> load, String owner) {
    // Another replica may have stored the value and released the lock between this one's look
    // and its lock: look once more before loading.
    return find(stored)
        .flatMap(found -> release(stored, owner).thenReturn(found))
        .switchIfEmpty(Mono.defer(() -> loadAndStore(stored, load, owner)));
  }

  private Mono<String> loadAndStore(String stored, Mono<SharedValue> load, String owner) {
    return load.flatMap(
            fresh ->
                store(stored, fresh)
                    .onErrorResume(RedisFailure.class, failure -> fellBack(failure))
                    .thenReturn(fresh.value()))
        // The value is the caller's whatever happens to the lock: its lease ends it anyway.
        .flatMap(value -> release(stored, owner).thenReturn(value))
        // A source with nothing to give frees the lock too.
        .switchIfEmpty(Mono.defer(() -> release(stored, owner).then(Mono.empty())))
        .onErrorResume(
            failure -> !(failure instanceof RedisFailure),
            failure -> release(stored, owner).then(Mono.error(failure)));
  }

  private Mono<Void> store(String stored, SharedValue fresh) {
    long ttl =
        fresh
            .expiresAt()
            .map(at -> at.toEpochMilli() - System.currentTimeMillis())
            .orElse(keepAtMost.toMillis());
    if (ttl <= 0) {
      return Mono.empty();
    }
    String box = sealing.seal(stored, fresh.value());
    return redis(r -> r.set(stored, box, SetArgs.Builder.px(Math.min(ttl, keepAtMost.toMillis()))))
        .then();
  }

  private Mono<Void> release(String stored, String owner) {
    return redis(
            r ->
                r.<Long>eval(
                        RELEASE_IF_HELD,
                        ScriptOutputType.INTEGER,
                        new String[] {lockKey(stored)},
                        owner)
                    .next())
        .onErrorResume(RedisFailure.class, failure -> fellBack(failure).then(Mono.empty()))
        .then();
  }

  /** The stored value if it opens with this key; a value that does not is treated as missing. */
  private Mono<String> find(String stored) {
    return redis(r -> r.get(stored)).flatMap(box -> Mono.justOrEmpty(sealing.open(stored, box)));
  }

  private Mono<String> loadAlone(Mono<SharedValue> load) {
    return load.map(SharedValue::value);
  }

  @Override
  public Mono<Void> invalidate(String key, String refused) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(refused, "refused");
    String stored = storedKey(key);
    return Mono.defer(
        () -> {
          if (!mayCallRedis()) {
            return Mono.empty();
          }
          String fingerprint = sealing.fingerprint(refused);
          return redis(
                  r ->
                      r.<Long>eval(
                              INVALIDATE_IF_REFUSED,
                              ScriptOutputType.INTEGER,
                              new String[] {stored},
                              fingerprint)
                          .next())
              .then()
              .onErrorResume(RedisFailure.class, failure -> fellBack(failure).then());
        });
  }

  /**
   * Runs one Redis command within the timeout; any failure of Redis or of the connection to it
   * becomes a {@link RedisFailure}, and success after failures resumes sharing.
   */
  <T> Mono<T> redis(Function<RedisReactiveCommands<String, String>, Mono<T>> command) {
    return Mono.defer(
        () -> {
          if (closed.get()) {
            // Closed: nothing more goes to a connection being shut down.
            return Mono.error(new RedisFailure(new IllegalStateException("closed")));
          }
          return connection
              .commands()
              .timeout(connectTimeout, Schedulers.parallel())
              .flatMap(
                  connected -> command.apply(connected).timeout(timeout, Schedulers.parallel()))
              // What follows a command (decryption, the waiting callers' own work) leaves
              // Lettuce's I/O thread, which serves every command of the connection.
              .publishOn(Schedulers.parallel())
              .doOnSuccess(ignored -> resumed())
              .doOnError(failure -> connection.failed())
              .onErrorMap(failure -> !(failure instanceof RedisFailure), RedisFailure::new);
        });
  }

  private void resumed() {
    connection.answered();
    if (sharing.compareAndSet(false, true)) {
      LOG.info(
          "Redis at {} answers again: the fleet shares its credentials and rate budget again",
          where);
    }
  }

  Mono<Void> fellBack(RedisFailure failure) {
    if (closed.get()) {
      return Mono.empty();
    }
    fallbacks.incrementAndGet();
    skipRedisUntil = now() + RETRY_REDIS_AFTER.toMillis();
    if (sharing.compareAndSet(true, false)) {
      LOG.warn(
          "Redis at {} failed ({}): each replica fetches its own credentials and keeps its own"
              + " rate budget until it answers again",
          where,
          failure.describe());
    }
    return Mono.empty();
  }

  /**
   * Who holds a lock: random, so that only its holder releases it. From the seeded generator, not
   * {@code UUID.randomUUID()}, whose generator reads a file on a Reactor thread.
   */
  private String owner() {
    byte[] owner = new byte[16];
    random.nextBytes(owner);
    return HexFormat.of().formatHex(owner);
  }

  /** Whether to try Redis now: not within a second of its last failure. */
  boolean mayCallRedis() {
    return now() >= skipRedisUntil;
  }

  String namespace() {
    return namespace;
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

  private String storedKey(String key) {
    // One hash tag per value, so that its lock lands in the same cluster slot.
    return namespace + ":{" + key + "}";
  }

  private static String lockKey(String stored) {
    return stored + ":lock";
  }

  private static long now() {
    return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
  }

  /**
   * Whether Redis answered the last command: false from a failure until Redis answers again.
   *
   * @return true while the fleet shares through Redis
   */
  public boolean isSharing() {
    return sharing.get();
  }

  /**
   * How many times a command failed and the replica went on without Redis.
   *
   * @return the count since this cache was made
   */
  public long fallbacks() {
    return fallbacks.get();
  }

  /** Closes the Redis client if this cache made it; an application's own client stays open. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (ownsClient) {
      // Not waited for: close() may run on an event loop; a failure to shut down is logged.
      CompletableFuture<Void> unused =
          client
              .shutdownAsync(0, 2, TimeUnit.SECONDS)
              .whenComplete(
                  (done, failure) -> {
                    if (failure != null) {
                      LOG.debug("the Redis client did not shut down cleanly", failure);
                    }
                    // Its threads, once the client has let go of them.
                    var released =
                        Objects.requireNonNull(resources).shutdown(0, 2, TimeUnit.SECONDS);
                    released.addListener(
                        shutDown -> {
                          if (!shutDown.isSuccess()) {
                            LOG.debug(
                                "Redis's threads did not shut down cleanly", shutDown.cause());
                          }
                        });
                  });
    }
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
        + where
        + ", namespace="
        + namespace
        + ", sharing="
        + sharing.get()
        + "]";
  }

  /** A failure of Redis or of the connection to it; never a failure of a value's source. */
  static final class RedisFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedisFailure(Throwable cause) {
      super("Redis failed: " + cause.getClass().getSimpleName(), cause, false, false);
    }

    String describe() {
      Throwable cause = getCause();
      return cause == null ? "unknown" : cause.getClass().getSimpleName();
    }
  }

  /** Configures a {@link RedisSharedCache}. */
  public static final class Builder {
    private final RedisURI uri;
    private final @Nullable RedisClient client;
    private final byte[] key;
    private String namespace = "openconnectors";
    private Duration timeout = Duration.ofMillis(500);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration lease = Duration.ofSeconds(10);
    private Duration keepAtMost = Duration.ofHours(12);

    private Builder(RedisURI uri, @Nullable RedisClient client, byte[] key) {
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
      cache.connection.connectNow();
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
