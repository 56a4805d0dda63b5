package io.github.openconnectors.spring;

import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.MicrometerObservability;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configures an {@link OpenConnectorsClient} from {@code openconnectors.*} ({@link
 * OpenConnectorsProperties}), unless the application defines its own. The application's {@link
 * CredentialsProvider} bean, when there is one, replaces the secrets and the log-in; every {@link
 * OpenConnectorsClientCustomizer} bean adjusts the builder, in order. With Micrometer's registries
 * present, requests are observed and counted ({@code openconnectors.metrics.enabled}) and Reactor
 * Netty's pool metrics turned on ({@code openconnectors.metrics.connection-pool}). {@link
 * OpenConnectorsHealthAutoConfiguration} and {@link OpenConnectorsWebClientAutoConfiguration} add
 * the health indicator and the {@code WebClient} filter.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(OpenConnectorsClient.class)
@EnableConfigurationProperties({
  OpenConnectorsProperties.class,
  OpenConnectorsEventsProperties.class
})
public final class OpenConnectorsAutoConfiguration {

  /** Made by Spring. */
  public OpenConnectorsAutoConfiguration() {}

  /**
   * The client; closed with the application context.
   *
   * @param properties {@code openconnectors.*}
   * @param credentials the application's provider, if it has one
   * @param customizers adjust the builder, in order
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  public OpenConnectorsClient openConnectorsClient(
      OpenConnectorsProperties properties,
      ObjectProvider<CredentialsProvider> credentials,
      ObjectProvider<OpenConnectorsClientCustomizer> customizers) {
    @Nullable CredentialsProvider provider = credentials.getIfUnique();
    OpenConnectorsClient.Builder builder = ClientFromProperties.builder(properties, provider);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return ClientFromProperties.build(builder);
  }

  /** Observations and counters, when the application has Micrometer's registries. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ObservationRegistry.class, MeterRegistry.class})
  @ConditionalOnProperty(
      name = "openconnectors.metrics.enabled",
      havingValue = "true",
      matchIfMissing = true)
  static final class Observability {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    OpenConnectorsClientCustomizer openConnectorsObservability(
        OpenConnectorsProperties properties,
        ObjectProvider<ObservationRegistry> observations,
        ObjectProvider<MeterRegistry> meters) {
      return builder -> {
        ObservationRegistry observationRegistry = observations.getIfUnique();
        MeterRegistry meterRegistry = meters.getIfUnique();
        if (observationRegistry != null && meterRegistry != null) {
          builder.observability(MicrometerObservability.of(observationRegistry, meterRegistry));
        } else if (observationRegistry != null) {
          builder.observability(MicrometerObservability.of(observationRegistry));
        } else if (meterRegistry != null) {
          builder.observability(MicrometerObservability.of(meterRegistry));
        }
        if (meterRegistry != null && properties.getMetrics().isConnectionPool()) {
          // Reactor Netty's own registrar, into Micrometer's global registry, which Boot's
          // registries join unless management.metrics.use-global-registry is false.
          builder.connectionPool(pool -> pool.metrics(true));
        }
      };
    }
  }
}
