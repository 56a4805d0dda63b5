/**
 * The Open Connectors client in a Spring Boot application: {@link
 * io.github.openconnectors.spring.OpenConnectorsAutoConfiguration} makes an {@code
 * OpenConnectorsClient} bean from {@code openconnectors.*} properties ({@link
 * io.github.openconnectors.spring.OpenConnectorsProperties}), observes it with the application's
 * Micrometer registries, adds a health indicator {@code openconnectors} when Actuator is present,
 * and gives an {@link io.github.openconnectors.spring.OpenConnectorsExchangeFilterFunction} that
 * signs the application's own {@code WebClient} requests.
 */
@NullMarked
package io.github.openconnectors.spring;

import org.jspecify.annotations.NullMarked;
