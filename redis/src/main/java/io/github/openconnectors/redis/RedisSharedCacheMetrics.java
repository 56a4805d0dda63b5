package io.github.openconnectors.redis;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/**
 * The meters of a {@link RedisSharedCache}, for Micrometer (an optional dependency of this module):
 *
 * <ul>
 *   <li>{@code openconnectors.redis.sharing}, a gauge: 1 while the replica shares through Redis, 0
 *       from a failure until Redis answers again;
 *   <li>{@code openconnectors.redis.fallbacks}, a counter: how many times a command failed and the
 *       replica went on alone (loaded a value itself, kept its rate budget itself).
 * </ul>
 *
 * <pre>{@code
 * new RedisSharedCacheMetrics(fleet).bindTo(meterRegistry);
 * }</pre>
 *
 * <p>The Spring Boot starter binds them when the application has a {@code MeterRegistry}.
 */
public final class RedisSharedCacheMetrics implements MeterBinder {

  private final RedisSharedCache cache;

  /**
   * The meters of {@code cache}.
   *
   * @param cache the cache to measure
   */
  public RedisSharedCacheMetrics(RedisSharedCache cache) {
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("openconnectors.redis.sharing", cache, shared -> shared.isSharing() ? 1 : 0)
        .description("1 while the replica shares credentials and rate budget through Redis")
        .register(registry);
    FunctionCounter.builder("openconnectors.redis.fallbacks", cache, RedisSharedCache::fallbacks)
        .description("Redis commands that failed, after which the replica went on without Redis")
        .register(registry);
  }
}
