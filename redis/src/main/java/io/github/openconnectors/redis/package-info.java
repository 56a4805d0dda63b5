/**
 * Fleet-wide sharing for the Open Connectors client through Redis, with Lettuce's reactive API:
 * {@link io.github.openconnectors.redis.RedisSharedCache} lets the replicas of one application
 * share one log-in, one instance-token lookup and one read of rotated credentials.
 */
@NullMarked
package io.github.openconnectors.redis;

import org.jspecify.annotations.NullMarked;
