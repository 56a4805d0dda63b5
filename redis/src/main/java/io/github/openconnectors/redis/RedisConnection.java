package io.github.openconnectors.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * The cache's one connection to Redis: made when the cache is built and kept, Lettuce reconnecting
 * it after a loss, and made anew when it has stayed disconnected for {@link #RENEW_AFTER}, so that
 * a connection whose reconnection never comes (its watchdog wedged or given up) cannot keep a
 * replica from sharing for good. An attempt to connect has the connect timeout: one that failed or
 * took longer is not kept, and the next command tries again.
 */
final class RedisConnection {

  /** How long the connection may stay down, while commands find it so, before it is made anew. */
  static final Duration RENEW_AFTER = Duration.ofSeconds(3);

  private static final Logger LOG = Loggers.getLogger(RedisConnection.class);
  private static final long UP = Long.MIN_VALUE;

  private final RedisClient client;
  private final RedisURI uri;
  private final String where;
  private final Duration connectTimeout;
  private final AtomicReference<Mono<StatefulRedisConnection<String, String>>> current;
  // The connection the current attempt made, once it has.
  private final AtomicReference<@Nullable StatefulRedisConnection<String, String>> made =
      new AtomicReference<>();
  // When a failed command first found the connection down (Schedulers.parallel()'s clock), or UP.
  private volatile long downSince = UP;

  RedisConnection(RedisClient client, RedisURI uri, String where, Duration connectTimeout) {
    this.client = client;
    this.uri = uri;
    this.where = where;
    this.connectTimeout = connectTimeout;
    this.current = new AtomicReference<>(connect());
  }

  /**
   * The connection {@code connect} makes, or a {@link TimeoutException} after {@code
   * connectTimeout}; a connection made after that is closed as it comes. Lettuce bounds the TCP
   * connect but not every step after it: an attempt whose handshake is never answered, or whose
   * channel failed while it was being set up, would otherwise never finish, and hold up every
   * attempt after it.
   */
  static <C extends StatefulConnection<?, ?>> Mono<C> connectWithin(
      Duration connectTimeout, Supplier<? extends CompletionStage<C>> connect) {
    return Mono.defer(
        () -> {
          CompletableFuture<C> attempt = connect.get().toCompletableFuture();
          AtomicBoolean taken = new AtomicBoolean();
          return Mono.fromFuture(attempt, true)
              .timeout(connectTimeout, Schedulers.parallel())
              .doOnNext(made -> taken.set(true))
              .doFinally(
                  signal -> {
                    if (!taken.get()) {
                      CompletableFuture<Void> unused = attempt.thenCompose(C::closeAsync);
                    }
                  });
        });
  }

  private Mono<StatefulRedisConnection<String, String>> connect() {
    return connectWithin(connectTimeout, () -> client.connectAsync(StringCodec.UTF8, uri))
        .doOnNext(made::set)
        .cache(
            connected -> Duration.ofMillis(Long.MAX_VALUE),
            failed -> Duration.ZERO,
            () -> Duration.ZERO);
  }

  /** The connection's commands, once it is made. */
  Mono<RedisReactiveCommands<String, String>> commands() {
    return Mono.defer(this::attempt).map(StatefulRedisConnection::reactive);
  }

  /** A command succeeded: the connection is up. */
  void answered() {
    downSince = UP;
  }

  /**
   * A command failed: if the connection is down, and has been since a command first found it so at
   * least {@link #RENEW_AFTER} ago, it is dropped and made anew.
   */
  void failed() {
    Mono<StatefulRedisConnection<String, String>> attempt = attempt();
    StatefulRedisConnection<String, String> connection = made.get();
    if (connection == null || connection.isOpen()) {
      // Not made yet (the next command connects again), or up: Redis itself failed.
      return;
    }
    long now = now();
    long since = downSince;
    if (since == UP) {
      downSince = now;
      return;
    }
    if (now - since >= RENEW_AFTER.toMillis() && current.compareAndSet(attempt, connect())) {
      downSince = now;
      made.compareAndSet(connection, null);
      LOG.info(
          "The connection to Redis at {} has not come back for {} s: making a new one",
          where,
          RENEW_AFTER.toSeconds());
      CompletableFuture<Void> unused =
          connection
              .closeAsync()
              .whenComplete(
                  (closed, failure) -> {
                    if (failure != null) {
                      LOG.debug("the lost connection to Redis did not close cleanly", failure);
                    }
                  });
    }
  }

  /** Connects now, without waiting: the first command finds the connection made. */
  void connectNow() {
    attempt().subscribe(connected -> {}, failed -> {});
  }

  private Mono<StatefulRedisConnection<String, String>> attempt() {
    return Objects.requireNonNull(current.get());
  }

  private static long now() {
    return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
  }
}
