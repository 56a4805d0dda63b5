/**
 * What the replicas of an application share, so that a fleet behaves as one client: the shared
 * cache of credentials ({@link io.github.openconnectors.reactor.fleet.SharedCache}, holding {@link
 * io.github.openconnectors.reactor.fleet.SharedValue}s) and the rate budget ({@link
 * io.github.openconnectors.reactor.fleet.RateBudget}, kept by this client alone in {@link
 * io.github.openconnectors.reactor.fleet.LocalRateBudget}) with the rates it spends ({@link
 * io.github.openconnectors.reactor.fleet.RequestRate}).
 *
 * <p>An SPI: the client calls it, and {@code openconnectors-redis} implements it on Redis. It
 * depends on nothing of the client, so that an implementation needs only these types.
 */
@NullMarked
package io.github.openconnectors.reactor.fleet;

import org.jspecify.annotations.NullMarked;
