package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.reactor.fleet.SharedValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The meters say when a replica goes on without Redis, and when it shares again. */
class RedisSharedCacheMetricsTest {

  @Test
  void theGaugeAndTheCounterFollowRedisGoingAndComingBack() {
    try (RedisServer redis = RedisTests.redis();
        RedisSharedCache cache = RedisTests.cache(redis)) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      new RedisSharedCacheMetrics(cache).bindTo(registry);
      assertThat(registry.get("openconnectors.redis.sharing").gauge().value()).isEqualTo(1);
      assertThat(registry.get("openconnectors.redis.fallbacks").functionCounter().count()).isZero();

      redis.stop();
      cache.get("k", Mono.just(SharedValue.untilRefused("v"))).block(Duration.ofSeconds(10));
      assertThat(registry.get("openconnectors.redis.sharing").gauge().value()).isZero();
      assertThat(registry.get("openconnectors.redis.fallbacks").functionCounter().count())
          .isEqualTo(cache.fallbacks())
          .isPositive();
    }
  }
}
