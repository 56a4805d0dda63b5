package io.github.openconnectors.spring;

import io.github.openconnectors.reactor.OpenConnectorsClient;

/**
 * Adjusts the builder of the auto-configured {@link OpenConnectorsClient} after the properties have
 * been applied: a proxy or TLS through {@code httpClient(...)}, another JSON mapper, anything the
 * properties do not reach. Every bean of this type is applied, in {@code @Order}; the starter's own
 * (observability) comes first, so the application's may replace what it set.
 */
@FunctionalInterface
public interface OpenConnectorsClientCustomizer {

  /**
   * Adjusts the builder.
   *
   * @param builder the builder, with the properties applied
   */
  void customize(OpenConnectorsClient.Builder builder);
}
