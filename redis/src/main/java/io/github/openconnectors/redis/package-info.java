/**
 * Fleet-wide sharing for the Open Connectors client through Redis, with Lettuce's reactive API:
 * {@link io.github.openconnectors.redis.RedisSharedCache} lets the replicas of one application
 * share one log-in, one instance-token lookup and one read of rotated credentials, and one rate
 * budget.
 *
 * <p>Inside: one link to Redis per cache (its connection, made anew when it does not come back, and
 * whether to use Redis now), which the values' protocol (a refresh under a lock, sealed values,
 * compare-and-invalidate) and the rate budget both go through; their Lua scripts are resources
 * beside the classes, sent by digest.
 */
@NullMarked
package io.github.openconnectors.redis;

import org.jspecify.annotations.NullMarked;
