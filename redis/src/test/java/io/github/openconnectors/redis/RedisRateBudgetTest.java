package io.github.openconnectors.redis;

import static io.github.openconnectors.redis.RedisTests.cache;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.reactor.fleet.RateBudget;
import io.github.openconnectors.reactor.fleet.RequestRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Replicas spending one rate budget in a real Redis. */
class RedisRateBudgetTest {

  static final String SCOPE = "organization:0123456789abcdef";
  static final RequestRate TEN_A_SECOND = RequestRate.of(10, Duration.ofSeconds(1));

  RedisServer redis;
  final List<RedisSharedCache> caches = new ArrayList<>();

  @BeforeEach
  void startRedis() {
    redis = RedisTests.redis();
  }

  @AfterEach
  void stopRedis() {
    caches.forEach(RedisSharedCache::close);
    if (redis != null) {
      redis.close();
    }
  }

  RateBudget replica() {
    RedisSharedCache cache = cache(redis);
    caches.add(cache);
    return cache.rateBudget();
  }

  @Test
  void replicasTakeTurnsOnOneSchedule() {
    List<RateBudget> fleet = List.of(replica(), replica(), replica());
    List<Long> turns = new CopyOnWriteArrayList<>();
    Flux.range(0, 9)
        .flatMap(
            i ->
                fleet
                    .get(i % 3)
                    .acquire(SCOPE, TEN_A_SECOND)
                    .then(Mono.fromRunnable(() -> turns.add(System.nanoTime()))))
        .blockLast(Duration.ofSeconds(10));

    // Nine turns 100 ms apart in Redis's clock, whichever replica took them: 800 ms from the
    // first to the last, less how late the first one ran here. Three replicas each on its own
    // schedule would have taken theirs within 200 ms.
    assertThat(turns).hasSize(9);
    long first = turns.stream().mapToLong(Long::longValue).min().orElseThrow();
    long last = turns.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(Duration.ofNanos(last - first)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(redis.command("EXISTS openconnectors:{rate:" + SCOPE + "}:next")).isEqualTo(":1");
  }

  @Test
  void aPauseOneReplicaRecordsHoldsBackTheOthers() {
    RateBudget first = replica();
    RateBudget second = replica();
    first.pause(SCOPE, Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
    long pausedAt = System.nanoTime();
    long pauseLeft =
        Long.parseLong(
            redis.command("PTTL openconnectors:{rate:" + SCOPE + "}:paused").substring(1));
    assertThat(pauseLeft).isBetween(1L, 1000L);

    second.acquire(SCOPE, null).block(Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - pausedAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(pauseLeft - 5));
    // Another scope is not paused.
    assertThat(second.acquire("instance:other", null).blockOptional(Duration.ofMillis(500)))
        .isEmpty();
  }

  @Test
  void everyReplicaTellsThePauseAnotherRecorded() {
    RateBudget first = replica();
    RateBudget second = replica();
    assertThat(second.pauseLeft(SCOPE).blockOptional(Duration.ofSeconds(5))).isEmpty();

    first.pause(SCOPE, Duration.ofSeconds(30)).block(Duration.ofSeconds(5));

    assertThat(second.pauseLeft(SCOPE).block(Duration.ofSeconds(5)))
        .isGreaterThan(Duration.ofSeconds(25))
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(second.pauseLeft("instance:other").blockOptional(Duration.ofSeconds(5))).isEmpty();
  }

  @Test
  void withRedisDownAReplicaTellsItsOwnPause() {
    RedisSharedCache cache = cache(redis);
    caches.add(cache);
    RateBudget budget = cache.rateBudget();
    redis.stop();

    budget.pause(SCOPE, Duration.ofSeconds(30)).block(Duration.ofSeconds(5));

    assertThat(budget.pauseLeft(SCOPE).block(Duration.ofSeconds(5)))
        .isGreaterThan(Duration.ofSeconds(25));
  }

  @Test
  void aRedisThatForgotTheScriptIsGivenItAgain() {
    RedisSharedCache cache = cache(redis);
    caches.add(cache);
    RateBudget budget = cache.rateBudget();
    budget.acquire(SCOPE, TEN_A_SECOND).block(Duration.ofSeconds(5));
    // As after a restart or a failover: Redis knows the script by its digest no more.
    assertThat(redis.command("SCRIPT FLUSH")).isEqualTo("+OK");

    budget.acquire(SCOPE, TEN_A_SECOND).block(Duration.ofSeconds(5));
    assertThat(cache.fallbacks()).as("answered by Redis, not alone").isZero();
    assertThat(redis.command("EXISTS openconnectors:{rate:" + SCOPE + "}:next")).isEqualTo(":1");
  }

  @Test
  void aShorterPauseLeavesALongerOneAlone() {
    RateBudget budget = replica();
    budget.pause(SCOPE, Duration.ofSeconds(30)).block(Duration.ofSeconds(5));
    budget.pause(SCOPE, Duration.ofSeconds(1)).block(Duration.ofSeconds(5));
    long left =
        Long.parseLong(
            redis.command("PTTL openconnectors:{rate:" + SCOPE + "}:paused").substring(1));
    assertThat(left).isGreaterThan(25_000L);
  }

  @Test
  void withRedisDownEachReplicaKeepsTheBudgetAloneAndNeverFails() {
    RedisSharedCache cache = cache(redis);
    caches.add(cache);
    RateBudget budget = cache.rateBudget();
    budget.acquire(SCOPE, TEN_A_SECOND).block(Duration.ofSeconds(5));

    redis.stop();
    // A pause recorded while Redis is down still holds this replica's requests back.
    budget.pause(SCOPE, Duration.ofMillis(300)).block(Duration.ofSeconds(5));
    long pausedAt = System.nanoTime();
    budget.acquire(SCOPE, TEN_A_SECOND).block(Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - pausedAt))
        .isGreaterThanOrEqualTo(Duration.ofMillis(295));
    assertThat(cache.isSharing()).isFalse();
    assertThat(cache.fallbacks()).isPositive();
  }
}
