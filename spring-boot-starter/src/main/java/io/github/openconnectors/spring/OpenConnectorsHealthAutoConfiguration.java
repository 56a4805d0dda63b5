package io.github.openconnectors.spring;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The health indicator {@code openconnectors} ({@link OpenConnectorsHealthIndicator}), when
 * Actuator's health support is present, the application has one {@link OpenConnectorsClient}, and
 * {@code management.health.openconnectors.enabled} is not false. Its answer is reused for {@code
 * openconnectors.health.cache-time}; a check takes at most {@code openconnectors.health.timeout}.
 */
@AutoConfiguration(after = OpenConnectorsAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnSingleCandidate(OpenConnectorsClient.class)
@ConditionalOnEnabledHealthIndicator("openconnectors")
public final class OpenConnectorsHealthAutoConfiguration {

  /** Made by Spring. */
  public OpenConnectorsHealthAutoConfiguration() {}

  /**
   * The indicator; its bean name gives the contributor's name, {@code openconnectors}.
   *
   * @param client the client
   * @param properties {@code openconnectors.health.*}
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "openconnectorsHealthIndicator")
  public OpenConnectorsHealthIndicator openconnectorsHealthIndicator(
      OpenConnectorsClient client, OpenConnectorsProperties properties) {
    return new OpenConnectorsHealthIndicator(
        client, properties.getHealth().getCacheTime(), properties.getHealth().getTimeout());
  }
}
