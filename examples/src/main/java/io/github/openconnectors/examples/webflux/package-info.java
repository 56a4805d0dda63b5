/**
 * A Spring Boot WebFlux application that uses {@code OpenConnectorsClient} as a bean and streams
 * the instance listing to its own clients as NDJSON and Server-Sent Events. An example, not API.
 */
@NullMarked
package io.github.openconnectors.examples.webflux;

import org.jspecify.annotations.NullMarked;
