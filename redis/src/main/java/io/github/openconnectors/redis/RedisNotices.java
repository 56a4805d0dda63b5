package io.github.openconnectors.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.util.Logger;
import reactor.util.Loggers;

/**
 * What the replicas tell one another through Redis pub/sub, on one channel per namespace, so that
 * none of them has to ask Redis again and again: a lock released (its value stored, or its holder
 * gone without one) and a rate scope paused. Redis sends them from the scripts that make the change
 * ({@code release-if-held.lua}, {@code pause.lua}), in the same step.
 *
 * <p>Pub/sub delivers at most once, and only while subscribed: a replica uses the notices only
 * while its subscription is confirmed ({@link #live()}), and learns again what it may have missed
 * whenever it is confirmed anew ({@link #epoch()} moves on). Lettuce reconnects the subscription
 * and subscribes again by itself; a subscription that never came back or never began is tried again
 * when next asked for, at most once a second.
 */
final class RedisNotices {

  private static final Logger LOG = Loggers.getLogger(RedisNotices.class);
  private static final String RELEASED = "released ";
  private static final String PAUSED = "paused ";
  private static final long RETRY_AFTER_MILLIS = RedisLink.RETRY_REDIS_AFTER.toMillis();
  private static final long RENEW_AFTER_MILLIS = RedisConnection.RENEW_AFTER.toMillis();

  private final RedisClient client;
  private final RedisURI uri;
  private final String channel;
  private final Duration connectTimeout;
  private final Map<String, Sinks.One<String>> released = new ConcurrentHashMap<>();
  private final Listener listener = new Listener();
  private final AtomicBoolean connecting = new AtomicBoolean();
  private final AtomicLong epoch = new AtomicLong();
  private volatile @Nullable StatefulRedisPubSubConnection<String, String> connection;
  // Confirmed by Redis since the connection last went down.
  private volatile boolean subscribed;
  // When the subscription was last asked for or last went down (the parallel scheduler's clock).
  private volatile long downSince = Long.MIN_VALUE;
  private volatile boolean closed;
  private volatile BiConsumer<String, Long> onPause = (scope, millis) -> {};

  RedisNotices(RedisClient client, RedisURI uri, String namespace, Duration connectTimeout) {
    this.client = client;
    this.uri = uri;
    this.channel = namespace + ":notices";
    this.connectTimeout = connectTimeout;
  }

  /** The channel the scripts publish on. */
  String channel() {
    return channel;
  }

  /** Subscribes now, without waiting. */
  void connectNow() {
    if (closed || !connecting.compareAndSet(false, true)) {
      return;
    }
    downSince = now();
    StatefulRedisPubSubConnection<String, String> lost = connection;
    if (lost != null) {
      connection = null;
      CompletableFuture<Void> unused = lost.closeAsync();
    }
    RedisConnection.connectWithin(
            connectTimeout, () -> client.connectPubSubAsync(StringCodec.UTF8, uri))
        .flatMap(
            made -> {
              made.addListener((RedisPubSubListener<String, String>) listener);
              made.addListener((RedisConnectionStateListener) listener);
              connection = made;
              if (closed) {
                CompletableFuture<Void> unused = made.closeAsync();
                return Mono.empty();
              }
              // Not confirmed in time: live() makes the subscription anew after RENEW_AFTER.
              return Mono.fromCompletionStage(() -> made.async().subscribe(channel))
                  .timeout(connectTimeout, Schedulers.parallel());
            })
        .doFinally(signal -> connecting.set(false))
        .subscribe(
            done -> {},
            failure ->
                LOG.debug("the subscription to the fleet's notices failed; tried again later"));
  }

  /**
   * Whether notices arrive now: the subscription is confirmed and its connection has not gone down
   * since. When not, a subscription that failed to be made is tried again after a second, and one
   * that Lettuce has not brought back within {@link RedisConnection#RENEW_AFTER} is made anew.
   */
  boolean live() {
    if (subscribed) {
      return true;
    }
    long down = now() - downSince;
    if (down >= (connection == null ? RETRY_AFTER_MILLIS : RENEW_AFTER_MILLIS)) {
      connectNow();
    }
    return false;
  }

  /** Moves on each time the subscription is confirmed: notices from before may have been missed. */
  long epoch() {
    return epoch.get();
  }

  /**
   * The next release of {@code lockKey}'s lock, told by the replica that held it: the value it
   * stored, sealed, or empty when it released the lock without one (its load failed, or it is of a
   * version that did not tell the value). Made when asked for, so that a release that comes after
   * this call is not missed; it comes on the parallel scheduler, never on Lettuce's I/O thread.
   */
  Mono<String> nextRelease(String lockKey) {
    return released
        .computeIfAbsent(lockKey, key -> Sinks.one())
        .asMono()
        .publishOn(Schedulers.parallel());
  }

  /** Who hears of the fleet's pauses: the scope and the pause's length in milliseconds. */
  void onPause(BiConsumer<String, Long> onPause) {
    this.onPause = onPause;
  }

  /**
   * The message {@code release-if-held.lua} publishes for a lock released; {@code
   * store-and-release.lua} adds a space and the value sealed, which has neither spaces nor colons,
   * so a lock key (which ends in {@code :lock}) and the value part unambiguously.
   */
  static String released(String lockKey) {
    return RELEASED + lockKey;
  }

  /** The start of the message {@code pause.lua} publishes, the pause's milliseconds after it. */
  static String paused(String scope) {
    return PAUSED + scope + " ";
  }

  /** Stops hearing notices; done when the subscription's connection is closed. */
  CompletableFuture<Void> close() {
    closed = true;
    subscribed = false;
    StatefulRedisPubSubConnection<String, String> made = connection;
    return made == null ? CompletableFuture.completedFuture(null) : made.closeAsync();
  }

  private void received(String message) {
    if (message.startsWith(RELEASED)) {
      String release = message.substring(RELEASED.length());
      int space = release.lastIndexOf(' ');
      boolean withValue = space > 0 && release.indexOf(':', space) < 0;
      Sinks.One<String> waiting =
          released.remove(withValue ? release.substring(0, space) : release);
      if (waiting != null) {
        if (withValue) {
          waiting.tryEmitValue(release.substring(space + 1));
        } else {
          waiting.tryEmitEmpty();
        }
      }
    } else if (message.startsWith(PAUSED)) {
      int end = message.lastIndexOf(' ');
      if (end > PAUSED.length()) {
        try {
          long millis = Long.parseLong(message.substring(end + 1));
          onPause.accept(message.substring(PAUSED.length(), end), millis);
        } catch (NumberFormatException malformed) {
          LOG.debug("a fleet notice with no pause length was ignored");
        }
      }
    }
  }

  private static long now() {
    return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
  }

  /** Lettuce's callbacks, on its I/O thread: each only sets a flag or hands a signal on. */
  private final class Listener extends RedisPubSubAdapter<String, String>
      implements RedisConnectionStateListener {

    @Override
    public void message(String from, String message) {
      if (channel.equals(from)) {
        received(message);
      }
    }

    @Override
    public void subscribed(String to, long count) {
      if (channel.equals(to) && !closed) {
        epoch.incrementAndGet();
        subscribed = true;
      }
    }

    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> disconnected) {
      if (disconnected == connection) {
        subscribed = false;
        downSince = now();
      }
    }
  }
}
