package io.github.openconnectors.spring;

import io.github.openconnectors.redis.RedisSharedCache;
import io.github.openconnectors.redis.RedisSharedCacheMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The meters of the fleet's shared cache, when the application measures with Micrometer and shares
 * through Redis: {@code openconnectors.redis.sharing} (1 while sharing, 0 while the replica goes on
 * alone) and {@code openconnectors.redis.fallbacks}, bound to the application's registry by Spring
 * Boot as every {@link MeterBinder} is.
 */
@AutoConfiguration(after = OpenConnectorsRedisAutoConfiguration.class)
@ConditionalOnClass({RedisSharedCache.class, MeterBinder.class})
@ConditionalOnBean(RedisSharedCache.class)
public final class OpenConnectorsRedisMetricsAutoConfiguration {

  /** Made by Spring. */
  public OpenConnectorsRedisMetricsAutoConfiguration() {}

  /**
   * The meters of the shared cache.
   *
   * @param cache the fleet's shared cache
   * @return the meters
   */
  @Bean
  @ConditionalOnMissingBean
  public RedisSharedCacheMetrics openConnectorsRedisMetrics(RedisSharedCache cache) {
    return new RedisSharedCacheMetrics(cache);
  }
}
