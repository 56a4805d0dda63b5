package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.reactor.fleet.RateBudget;
import io.github.openconnectors.reactor.fleet.RequestRate;
import io.github.openconnectors.reactor.fleet.SharedValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The module's Lua scripts go by digest, their text only to a Redis that does not know them; and a
 * cache on the application's {@code ClientResources} shares their threads and leaves them running.
 */
class RedisScriptTest {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String SCOPE = "organization:0123456789abcdef";
  // Paused apart from SCOPE, so that no turn there waits for a pause and takes a second turn.
  static final String PAUSED_SCOPE = "instance:42";

  RedisServer redis;
  RedisClient observer;
  StatefulRedisConnection<String, String> stats;

  @BeforeEach
  void startRedis() {
    redis = RedisTests.redis();
    observer = RedisClient.create(redis.url());
    stats = observer.connect();
  }

  @AfterEach
  void stopRedis() {
    if (stats != null) {
      stats.close();
      observer.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void eachScriptsTextGoesOnceThenItsDigestAlone() {
    try (RedisSharedCache cache = RedisTests.cache(redis)) {
      RateBudget budget = cache.rateBudget();
      RequestRate rate = RequestRate.of(1_000, Duration.ofSeconds(1));
      // The cache's warm-up has run one script already: from a Redis that knows none.
      stats.sync().scriptFlush();
      stats.sync().configResetstat();
      for (int round = 0; round < 3; round++) {
        // Every script: the look and the lock with the store and the release (a load), the look
        // and the lock with the release alone (a source with nothing to give), the invalidation,
        // a turn and a pause.
        String key = "token-" + round;
        cache.get(key, Mono.just(SharedValue.untilRefused("value-" + round))).block(WAIT);
        assertThat(cache.get("nothing-" + round, Mono.empty()).blockOptional(WAIT)).isEmpty();
        cache.invalidate(key, "value-" + round).block(WAIT);
        budget.acquire(SCOPE, rate).block(WAIT);
        budget.pause(PAUSED_SCOPE, Duration.ofMillis(1)).block(WAIT);
        if (round == 0) {
          // A Redis that lost its scripts (restarted, or flushed): each text is sent once more.
          stats.sync().scriptFlush();
        }
      }
      Map<String, Long> calls = calls(stats.sync().info("commandstats"));
      // Six scripts, each sent as text once at first and once after the flush: twelve EVALs.
      assertThat(calls.getOrDefault("eval", 0L)).isEqualTo(12);
      // Every run tried the digest first: seven runs a round (the look twice) in three rounds.
      assertThat(calls.getOrDefault("evalsha", 0L)).isEqualTo(21);
    }
  }

  @Test
  void aCacheOnTheApplicationsResourcesLeavesThemRunningWhenClosed() {
    ClientResources application = DefaultClientResources.create();
    try {
      RedisSharedCache cache =
          RedisSharedCache.builder(redis.url(), RedisTests.KEY)
              .clientResources(application)
              .timeout(Duration.ofSeconds(3))
              .connectTimeout(Duration.ofSeconds(10))
              .build();
      String value = cache.get("token", Mono.just(SharedValue.untilRefused("shared"))).block(WAIT);
      assertThat(value).isEqualTo("shared");
      assertThat(cache.isSharing()).isTrue();
      cache.close();

      // The application's threads still serve its own Redis clients after the cache has closed.
      RedisClient own = RedisClient.create(application, redis.url());
      try (StatefulRedisConnection<String, String> connection = own.connect()) {
        assertThat(connection.sync().ping()).isEqualTo("PONG");
      } finally {
        own.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
      assertThat(application.eventExecutorGroup().isShuttingDown()).isFalse();
    } finally {
      application.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** {@code cmdstat_eval:calls=2,usec=...} lines, by command. */
  static Map<String, Long> calls(String commandStats) {
    Map<String, Long> calls = new HashMap<>();
    Matcher line = Pattern.compile("cmdstat_(\\w+):calls=(\\d+)").matcher(commandStats);
    while (line.find()) {
      calls.put(line.group(1), Long.parseLong(line.group(2)));
    }
    return calls;
  }
}
