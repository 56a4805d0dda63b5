package io.github.openconnectors.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * A replica's link to Redis, which the shared cache and the rate budget both use: the Lettuce
 * client (made here, or the application's), its {@link RedisConnection}, and whether to use Redis
 * now. A command that fails, by Redis or by the connection, is a {@link RedisFailure}: the caller
 * goes on without Redis, the link says so once and skips Redis for a second, and the first command
 * that succeeds after says that sharing has resumed.
 */
final class RedisLink {

  /** How long after a failure commands go without Redis before trying it again. */
  static final Duration RETRY_REDIS_AFTER = Duration.ofSeconds(1);

  private static final Logger LOG = Loggers.getLogger(RedisLink.class);

  private final RedisClient client;
  private final RedisURI uri;
  // What close() shuts down besides the client: resources made here from nothing. A mutated copy
  // of the application's is not shut down: it shares their event loops and timer, and shutting it
  // down would stop them.
  private final @Nullable ClientResources ownResources;
  private final boolean ownsClient;
  private final String where;
  private final Duration timeout;
  private final Duration connectTimeout;
  private final RedisConnection connection;
  private final AtomicBoolean sharing = new AtomicBoolean(true);
  private final AtomicLong fallbacks = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long skipRedisUntil = Long.MIN_VALUE;

  private RedisLink(
      RedisClient client,
      @Nullable ClientResources ownResources,
      boolean ownsClient,
      RedisURI uri,
      Duration timeout,
      Duration connectTimeout) {
    this.client = client;
    this.uri = uri;
    this.ownResources = ownResources;
    this.ownsClient = ownsClient;
    this.where = uri.getHost() + ":" + uri.getPort();
    this.timeout = timeout;
    this.connectTimeout = connectTimeout;
    this.connection = new RedisConnection(client, uri, where, connectTimeout);
  }

  /** On the application's own client, which it keeps open and configured as it likes. */
  static RedisLink onClient(
      RedisClient client, RedisURI uri, Duration timeout, Duration connectTimeout) {
    return new RedisLink(client, null, false, uri, timeout, connectTimeout);
  }

  /**
   * On a client of its own, to a URI of its own that the cache made from its URL. With the
   * application's {@link ClientResources}, its threads are shared ({@link
   * ClientResources#mutate()}: the event loops and timer stay the application's, and closing the
   * link leaves them running); without, the link has its own.
   */
  static RedisLink ownClient(
      @Nullable ClientResources shared, RedisURI uri, Duration timeout, Duration connectTimeout) {
    // A Redis back after an outage is found within a second, not after Lettuce's default back-off
    // of up to 30 s.
    Delay reconnectDelay =
        Delay.exponential(Duration.ofMillis(10), RETRY_REDIS_AFTER, 2, TimeUnit.MILLISECONDS);
    ClientResources resources =
        (shared == null ? DefaultClientResources.builder() : shared.mutate())
            .reconnectDelay(reconnectDelay)
            .build();
    // Lettuce gives a handshake that Redis never answers as long as the URI's timeout, 60 s unless
    // the URL says less: an attempt given up after connectTimeout would hold its socket that long,
    // one more per attempt. The link's commands have their own timeout, shorter than this one.
    Duration handshake = timeout.compareTo(connectTimeout) > 0 ? timeout : connectTimeout;
    if (uri.getTimeout().compareTo(handshake) > 0) {
      uri.setTimeout(handshake);
    }
    RedisClient client = RedisClient.create(resources);
    // Refuse commands at once while disconnected, instead of queueing them until the timeout.
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    return new RedisLink(
        client, shared == null ? resources : null, true, uri, timeout, connectTimeout);
  }

  /** Connects now, without waiting: the first command finds the connection made. */
  void connectNow() {
    connection.connectNow();
  }

  /**
   * The fleet's notices in {@code namespace}, on a subscription of their own; closed by the caller.
   */
  RedisNotices notices(String namespace) {
    return new RedisNotices(client, uri, namespace, connectTimeout);
  }

  /**
   * Runs one Redis command within the timeout; any failure of Redis or of the connection to it
   * becomes a {@link RedisFailure}, and success after failures resumes sharing.
   */
  <T> Mono<T> command(Function<RedisReactiveCommands<String, String>, Mono<T>> command) {
    return Mono.defer(
        () -> {
          if (closed.get()) {
            // Closed: nothing more goes to a connection being shut down.
            return Mono.error(new RedisFailure(new IllegalStateException("closed")));
          }
          return connection
              .commands()
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

  /** A command failed: the caller goes on without Redis, and Redis is skipped for a second. */
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

  /** Whether to try Redis now: not within a second of its last failure. */
  boolean mayCallRedis() {
    return now() >= skipRedisUntil;
  }

  boolean isSharing() {
    return sharing.get();
  }

  long fallbacks() {
    return fallbacks.get();
  }

  /** Where Redis is, {@code host:port}: never its password. */
  String where() {
    return where;
  }

  /**
   * Closes the client and resources made here, once {@code first} (the closing of what else runs on
   * the client) is done; an application's own stay open.
   */
  void close(CompletableFuture<?> first) {
    if (!closed.compareAndSet(false, true) || !ownsClient) {
      return;
    }
    // Not waited for: close() may run on an event loop; a failure to shut down is logged.
    CompletableFuture<Void> unused =
        first
            .handle((done, failure) -> null)
            .thenCompose(ignored -> client.shutdownAsync(0, 2, TimeUnit.SECONDS))
            .whenComplete(
                (done, failure) -> {
                  if (failure != null) {
                    LOG.debug("the Redis client did not shut down cleanly", failure);
                  }
                  if (ownResources != null) {
                    // Its threads, once the client has let go of them.
                    ownResources
                        .shutdown(0, 2, TimeUnit.SECONDS)
                        .addListener(
                            shutDown -> {
                              if (!shutDown.isSuccess()) {
                                LOG.debug(
                                    "Redis's threads did not shut down cleanly", shutDown.cause());
                              }
                            });
                  }
                });
  }

  private static long now() {
    return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
  }
}
