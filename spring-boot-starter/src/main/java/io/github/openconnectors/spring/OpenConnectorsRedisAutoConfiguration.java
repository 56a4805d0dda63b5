package io.github.openconnectors.spring;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.redis.RedisSharedCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.resource.ClientResources;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Shares the client's log-in, instance tokens and credentials with the application's other replicas
 * through Redis, when the {@code openconnectors-redis} module (and so Lettuce) is on the classpath
 * and {@code openconnectors.redis.url} is set: a {@link RedisSharedCache} bean, whose Lettuce
 * client shares the threads of the application's {@link ClientResources} bean when it has one (as
 * Spring Boot defines for Spring Data Redis) instead of starting its own, and a customizer that
 * plugs it and its rate budget into the client's builder ({@link
 * OpenConnectorsRedisMetricsAutoConfiguration} adds its meters). The application's own {@code
 * RedisSharedCache} bean, if any, is used instead.
 */
@AutoConfiguration(before = OpenConnectorsAutoConfiguration.class)
@ConditionalOnClass({OpenConnectorsClient.class, RedisSharedCache.class, RedisClient.class})
@ConditionalOnProperty(name = "openconnectors.redis.url")
public final class OpenConnectorsRedisAutoConfiguration {

  /** Made by Spring. */
  public OpenConnectorsRedisAutoConfiguration() {}

  /**
   * The fleet's shared cache, closed with the application context.
   *
   * @param properties {@code openconnectors.redis.*}
   * @param resources the application's Lettuce resources, if it has exactly one such bean
   * @return the cache
   * @throws IllegalStateException if the key is missing or unusable, or the URL is not a Redis URI;
   *     the message names the property, never its value
   */
  @Bean
  @ConditionalOnMissingBean
  public RedisSharedCache openConnectorsRedisSharedCache(
      OpenConnectorsProperties properties, ObjectProvider<ClientResources> resources) {
    OpenConnectorsProperties.Redis redis = properties.getRedis();
    String url = Placeholders.resolved(redis.getUrl(), "redis.url");
    String key = Placeholders.resolved(redis.getKey(), "redis.key");
    if (url == null || key == null) {
      throw invalid(
          "openconnectors.redis.key is required with openconnectors.redis.url",
          "openconnectors.redis.key",
          "Set openconnectors.redis.key to the same base64 key (openssl rand -base64 32) in every"
              + " replica.");
    }
    RedisSharedCache.Builder builder;
    try {
      builder = RedisSharedCache.builder(url, key);
    } catch (IllegalArgumentException e) {
      // These messages never quote the URL or the key.
      throw invalid(
          "openconnectors.redis is unusable: " + e.getMessage(),
          "openconnectors.redis.url",
          "Check openconnectors.redis.url (a Redis URI) and openconnectors.redis.key (base64).");
    }
    @Nullable ClientResources shared = resources.getIfUnique();
    if (shared != null) {
      builder.clientResources(shared);
    }
    try {
      return builder
          .namespace(redis.getNamespace())
          .timeout(redis.getTimeout())
          .lease(redis.getLease())
          .build();
    } catch (IllegalArgumentException e) {
      throw invalid(
          "openconnectors.redis is unusable: " + e.getMessage(),
          "openconnectors.redis.key",
          "Check openconnectors.redis.key (at least 32 bytes, base64), namespace, timeout and"
              + " lease.");
    }
  }

  /**
   * Plugs the shared cache, and the rate budget on its connection, into the auto-configured
   * client's builder.
   *
   * @param cache the fleet's shared cache
   * @return the customizer
   */
  @Bean
  public OpenConnectorsClientCustomizer openConnectorsRedisSharing(RedisSharedCache cache) {
    return builder -> builder.sharedCache(cache).rateBudget(cache.rateBudget());
  }

  private static InvalidOpenConnectorsPropertiesException invalid(
      String problem, String property, String action) {
    return new InvalidOpenConnectorsPropertiesException(problem, List.of(property), action);
  }
}
