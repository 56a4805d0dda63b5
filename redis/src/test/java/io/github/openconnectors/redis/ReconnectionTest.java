package io.github.openconnectors.redis;

import static io.github.openconnectors.redis.RedisTests.KEY;
import static io.github.openconnectors.redis.RedisTests.cache;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.reactor.fleet.SharedValue;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A replica shares through Redis again, within {@link RedisSharedCache#SHARES_AGAIN_WITHIN} of
 * Redis answering again, however its connection was lost: killed from the server's side, Redis
 * restarted again and again under 8 replicas, or a connection that Lettuce never brings back.
 * {@code scripts/redis-restart-loop.sh} runs the restarts many more times.
 */
class ReconnectionTest {

  /** How many restarts {@link #everyReplicaSharesAgainAfterEachRestart} makes; 20 in the loop. */
  static final int RESTARTS = Integer.getInteger("redis.restarts", 3);

  static final int REPLICAS = 8;

  RedisServer redis;
  final List<RedisSharedCache> caches = new ArrayList<>();
  final List<RedisClient> clients = new ArrayList<>();
  final Disposable.Composite traffic = Disposables.composite();

  @BeforeEach
  void startRedis() {
    redis = RedisTests.redis();
  }

  @AfterEach
  void stop() {
    traffic.dispose();
    caches.forEach(RedisSharedCache::close);
    clients.forEach(client -> client.shutdownAsync());
    if (redis != null) {
      redis.close();
    }
  }

  /** Sends a command every 50 ms, as a replica serving requests does. */
  void serve(RedisSharedCache cache) {
    traffic.add(
        Flux.interval(Duration.ofMillis(50))
            .onBackpressureDrop()
            .concatMap(tick -> cache.rateBudget().pauseLeft("organization:traffic"), 1)
            .subscribe());
  }

  static Duration await(BooleanSupplier condition, Duration atMost) {
    long started = System.nanoTime();
    long deadline = started + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      Mono.delay(Duration.ofMillis(10)).block();
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Test
  void aConnectionLettuceNeverBringsBackIsMadeAgain() {
    // An application's client that does not reconnect: what a wedged or given-up watchdog leaves.
    RedisClient client = RedisClient.create();
    clients.add(client);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    RedisSharedCache cache =
        RedisSharedCache.builder(client, RedisURI.create(redis.url()), KEY).build();
    caches.add(cache);
    cache.get("warm-up", Mono.just(SharedValue.untilRefused("-"))).block(Duration.ofSeconds(30));
    serve(cache);

    assertThat(redis.command("CLIENT KILL TYPE normal")).isEqualTo(":1");
    assertThat(await(() -> !cache.isSharing(), Duration.ofSeconds(5)))
        .as("the kill noticed")
        .isLessThan(Duration.ofSeconds(5));

    assertThat(await(cache::isSharing, RedisSharedCache.SHARES_AGAIN_WITHIN.plusSeconds(1)))
        .as("shares again on a new connection")
        .isLessThanOrEqualTo(RedisSharedCache.SHARES_AGAIN_WITHIN);
  }

  @Test
  void connectionsKilledByTheServerComeBack() {
    List<RedisSharedCache> fleet = fleet();

    assertThat(redis.command("CLIENT KILL TYPE normal")).isEqualTo(":" + REPLICAS);

    for (RedisSharedCache replica : fleet) {
      assertThat(await(() -> sharesNow(replica), RedisSharedCache.SHARES_AGAIN_WITHIN))
          .as("%s shares again", replica)
          .isLessThanOrEqualTo(RedisSharedCache.SHARES_AGAIN_WITHIN);
    }
  }

  @Test
  void everyReplicaSharesAgainAfterEachRestart() {
    List<RedisSharedCache> fleet = fleet();

    for (int restart = 1; restart <= RESTARTS; restart++) {
      redis.stop();
      int round = restart;
      for (RedisSharedCache replica : fleet) {
        assertThat(await(() -> !replica.isSharing(), Duration.ofSeconds(5)))
            .as("restart %d: %s noticed Redis gone", round, replica)
            .isLessThan(Duration.ofSeconds(5));
      }
      redis.restart();
      long back = System.nanoTime();
      for (RedisSharedCache replica : fleet) {
        await(() -> sharesNow(replica), RedisSharedCache.SHARES_AGAIN_WITHIN.plusSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - back))
            .as("restart %d: %s shares again", round, replica)
            .isLessThanOrEqualTo(RedisSharedCache.SHARES_AGAIN_WITHIN);
      }
      // The figure the loop script's log gives, restart by restart.
      System.out.printf(
          "restart %d: all %d replicas share again %d ms after Redis is back%n",
          restart, REPLICAS, Duration.ofNanos(System.nanoTime() - back).toMillis());
    }
  }

  @Test
  void theReadmeStatesTheBoundsAsTheCodeHasThem() throws Exception {
    String readme = Files.readString(Path.of("..", "docs", "many-replicas.md"));
    assertThat(readme)
        .contains(
            "stayed down for " + RedisConnection.RENEW_AFTER.toSeconds() + " s",
            "shares again within " + RedisSharedCache.SHARES_AGAIN_WITHIN.toSeconds() + " s**",
            "(`RedisSharedCache.SHARES_AGAIN_WITHIN`)");
  }

  /** Eight replicas, each serving. */
  List<RedisSharedCache> fleet() {
    List<RedisSharedCache> fleet = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      RedisSharedCache replica = cache(redis);
      caches.add(replica);
      fleet.add(replica);
      serve(replica);
    }
    return fleet;
  }

  /** Whether the replica shares and a command of its own goes through Redis now. */
  static boolean sharesNow(RedisSharedCache replica) {
    return replica.isSharing()
        && replica.link().mayCallRedis()
        && replica
            .link()
            .command(r -> r.ping())
            .onErrorResume(e -> Mono.empty())
            .blockOptional()
            .isPresent();
  }
}
