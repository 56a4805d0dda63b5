/**
 * The Open Connectors client in a Spring Boot application: {@link
 * io.github.openconnectors.spring.OpenConnectorsAutoConfiguration} makes an {@code
 * OpenConnectorsClient} bean from {@code openconnectors.*} properties ({@link
 * io.github.openconnectors.spring.OpenConnectorsProperties}), observes it with the application's
 * Micrometer registries, adds a health indicator {@code openconnectors} when Actuator is present,
 * and gives an {@link io.github.openconnectors.spring.OpenConnectorsExchangeFilterFunction} that
 * signs the application's own {@code WebClient} requests. With {@code openconnectors.events.path}
 * set, {@link io.github.openconnectors.spring.OpenConnectorsEventsAutoConfiguration} makes the
 * endpoint that receives the service's event notifications, verifies them and hands each to the
 * application's {@link io.github.openconnectors.spring.OpenConnectorsEventHandler}.
 */
@NullMarked
package io.github.openconnectors.spring;

import org.jspecify.annotations.NullMarked;
