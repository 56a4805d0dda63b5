package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.reactor.fleet.SharedValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The replicas tell one another through Redis pub/sub what they would otherwise ask Redis for: a
 * waiter wakes when the holder releases its lock, and a scope without a rate costs no command per
 * request. Counted by Redis itself ({@code INFO commandstats}).
 */
class RedisNoticesTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String SCOPE = "organization:0123456789abcdef";

  RedisServer redis;
  RedisClient observer;
  StatefulRedisConnection<String, String> stats;
  final List<RedisSharedCache> caches = new ArrayList<>();

  @BeforeEach
  void startRedis() {
    redis = RedisTests.redis();
    observer = RedisClient.create(redis.url());
    stats = observer.connect();
  }

  @AfterEach
  void stopRedis() {
    caches.forEach(RedisSharedCache::close);
    if (stats != null) {
      stats.close();
      observer.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (redis != null) {
      redis.close();
    }
  }

  RedisSharedCache replica() {
    RedisSharedCache cache = RedisTests.cache(redis);
    caches.add(cache);
    return cache;
  }

  @Test
  void aScopeWithoutARateCostsRedisNoCommandPerRequest() {
    RedisSharedCache first = replica();
    RedisSharedCache second = replica();
    // Each learns the scope's pause once.
    first.rateBudget().acquire(SCOPE, null).block(WAIT);
    second.rateBudget().acquire(SCOPE, null).block(WAIT);
    stats.sync().configResetstat();

    Flux.range(0, 200)
        .flatMap(i -> (i % 2 == 0 ? first : second).rateBudget().acquire(SCOPE, null), 16)
        .blockLast(WAIT);

    assertThat(commands()).as("Redis commands for 200 requests").isEmpty();

    // A 429 at one replica: the other hears of it and holds its requests back, still asking
    // Redis nothing.
    first.rateBudget().pause(SCOPE, Duration.ofMillis(600)).block(WAIT);
    RedisRateBudget told = (RedisRateBudget) second.rateBudget();
    await("the pause is told", () -> !told.knownPause(SCOPE).isZero());
    long pauseLeft = told.knownPause(SCOPE).toNanos();
    long start = System.nanoTime();
    second.rateBudget().acquire(SCOPE, null).block(WAIT);
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(pauseLeft);
    // The pause's one script (its text sent once more if Redis does not know it by its digest),
    // with its own commands: nothing else.
    Map<String, Long> paused = commands();
    paused.remove("eval");
    assertThat(paused)
        .containsOnly(
            Map.entry("evalsha", 1L),
            Map.entry("pttl", 1L),
            Map.entry("set", 1L),
            Map.entry("publish", 1L));
  }

  @Test
  void aReplicaWhoseNoticesWereCutOffLearnsAgainWhatItMissed() {
    RedisSharedCache first = replica();
    RedisSharedCache second = replica();
    second.rateBudget().acquire(SCOPE, null).block(WAIT);
    long epoch = notices(second).epoch();

    // The server drops every subscription; a pause recorded meanwhile is told to no one.
    assertThat(redis.command("CLIENT KILL TYPE pubsub")).isEqualTo(":2");
    first.rateBudget().pause(SCOPE, Duration.ofSeconds(30)).block(WAIT);
    await("subscribed again", () -> notices(second).live() && notices(second).epoch() > epoch);
    assertThat(((RedisRateBudget) second.rateBudget()).knownPause(SCOPE)).isZero();

    // The next request asks Redis once, and waits out the pause it finds.
    Boolean through =
        second
            .rateBudget()
            .acquire(SCOPE, null)
            .thenReturn(true)
            .timeout(Duration.ofMillis(500), Mono.just(false))
            .block(WAIT);
    assertThat(through).as("let through during the pause it missed").isFalse();
    assertThat(((RedisRateBudget) second.rateBudget()).knownPause(SCOPE))
        .isGreaterThan(Duration.ofSeconds(25));
  }

  @Test
  void aWaiterWakesWhenTheHolderReleasesItsLock() {
    RedisSharedCache holder = replica();
    RedisSharedCache waiter = replica();
    Sinks.One<SharedValue> loaded = Sinks.one();
    Mono<String> held = holder.get("login", loaded.asMono()).cache();
    held.subscribe();
    await(
        "the holder has the lock",
        () -> ":1".equals(redis.command("EXISTS openconnectors:{login}:lock")));
    stats.sync().configResetstat();
    long waitingFrom = System.nanoTime();
    Mono<String> waited =
        waiter.get("login", Mono.error(new AssertionError("loaded twice"))).cache();
    long[] gotAt = new long[1];
    waited.doOnNext(value -> gotAt[0] = System.nanoTime()).subscribe();
    // Long enough that a poll every 100 ms would have looked a dozen times.
    Mono.delay(Duration.ofMillis(1_200)).block();

    long releasedAt = System.nanoTime();
    loaded.tryEmitValue(SharedValue.untilRefused("token"));
    assertThat(held.block(WAIT)).isEqualTo("token");
    assertThat(waited.block(WAIT)).isEqualTo("token");

    // Woken by the release, well before its next look (500 ms on).
    assertThat(Duration.ofNanos(gotAt[0] - releasedAt)).isLessThan(Duration.ofMillis(400));
    // The waiter's first look, one every 500 ms while it waited (one more if a look and the
    // release cross), the release's own and the look it woke for; a poll every 100 ms would have
    // made one per 100 ms.
    long waitedMillis = Duration.ofNanos(gotAt[0] - waitingFrom).toMillis();
    assertThat(commands().get("get"))
        .isBetween(3L, 4 + waitedMillis / 500)
        .isLessThan(waitedMillis / 100);
  }

  // A namespace with a space too: the notice's lock key and value still part where they should.
  @ParameterizedTest
  @ValueSource(strings = {"openconnectors", "two words"})
  void aWaiterTakesTheValueFromTheReleaseAndDoesNotReadItAgain(String namespace) {
    RedisSharedCache holder = RedisTests.cache(redis, namespace);
    caches.add(holder);
    RedisSharedCache waiter = RedisTests.cache(redis, namespace);
    caches.add(waiter);
    Sinks.One<SharedValue> loaded = Sinks.one();
    Mono<String> held = holder.get("login", loaded.asMono()).cache();
    held.subscribe();
    await("the holder has the lock", () -> stats.sync().exists(namespace + ":{login}:lock") == 1);
    stats.sync().configResetstat();
    Mono<String> waited =
        waiter.get("login", Mono.error(new AssertionError("loaded twice"))).cache();
    waited.subscribe();
    // The waiter's look, which found the lock held; its next look would be 500 ms on.
    await("the waiter has looked", () -> commands().getOrDefault("evalsha", 0L) == 1);

    stats.sync().configResetstat();
    loaded.tryEmitValue(SharedValue.untilRefused("token"));
    assertThat(held.block(WAIT)).isEqualTo("token");
    assertThat(waited.block(WAIT)).isEqualTo("token");

    // One script since the waiter looked, the holder's store and release, which told the value:
    // its SET, its GET of the lock's holder, DEL and PUBLISH. The waiter neither looked again nor
    // read the value.
    assertThat(commands())
        .containsOnly(
            Map.entry("evalsha", 1L),
            Map.entry("set", 1L),
            Map.entry("get", 1L),
            Map.entry("del", 1L),
            Map.entry("publish", 1L));
  }

  private Map<String, Long> commands() {
    Map<String, Long> calls = RedisScriptTest.calls(stats.sync().info("commandstats"));
    calls.remove("info");
    calls.remove("config");
    return calls;
  }

  private static RedisNotices notices(RedisSharedCache cache) {
    return cache.notices();
  }

  /** Waits for what another thread or Redis does, within a bound; fails past it. */
  private static void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Mono.delay(Duration.ofMillis(5)).block();
    }
  }
}
