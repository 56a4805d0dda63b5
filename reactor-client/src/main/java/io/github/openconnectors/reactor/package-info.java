/**
 * A non-blocking client for SAP Open Connectors on Project Reactor, Reactor Netty and Jackson 3.
 *
 * <p>Start with {@link io.github.openconnectors.reactor.OpenConnectorsClient#builder()}.
 */
@NullMarked
package io.github.openconnectors.reactor;

import org.jspecify.annotations.NullMarked;
