package io.github.openconnectors.spring;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * An {@link OpenConnectorsExchangeFilterFunction} bean, to sign the application's own {@code
 * WebClient} requests, when WebFlux is present and the application has one {@link
 * OpenConnectorsClient}.
 */
@AutoConfiguration(after = OpenConnectorsAutoConfiguration.class)
@ConditionalOnClass(ExchangeFilterFunction.class)
@ConditionalOnSingleCandidate(OpenConnectorsClient.class)
public final class OpenConnectorsWebClientAutoConfiguration {

  /** Made by Spring. */
  public OpenConnectorsWebClientAutoConfiguration() {}

  /**
   * The filter.
   *
   * @param client the client whose credentials it signs with
   * @return the filter
   */
  @Bean
  @ConditionalOnMissingBean
  public OpenConnectorsExchangeFilterFunction openConnectorsExchangeFilterFunction(
      OpenConnectorsClient client) {
    return new OpenConnectorsExchangeFilterFunction(client);
  }
}
