package io.github.openconnectors.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.openconnectors.reactor.fleet.SharedValue;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import reactor.core.publisher.Mono;

/** What the tests on a real Redis share. */
final class RedisTests {

  static {
    // Lettuce logs a reconnection through Netty's logger, here java.util.logging, whose first use
    // takes a lock to set up its handlers: on a Lettuce thread under BlockHound, a wait for that
    // lock failed the reconnection for good. Set up here, on the test's thread.
    java.util.logging.Logger.getLogger("").getHandlers();
  }

  /** A fresh random key, as {@code openssl rand -base64 32} makes one. */
  static final String KEY = key();

  private RedisTests() {}

  static String key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /** A real redis-server; the test is skipped, saying why, where none is installed. */
  static RedisServer redis() {
    assumeTrue(
        RedisServer.installed(),
        "redis-server is not on the PATH: install it (apt-get install redis-server) to run the"
            + " tests on a real Redis; .ci/run does");
    return RedisServer.start();
  }

  /**
   * A replica's cache. Its timeouts are generous: on a loaded machine a short one would make the
   * replicas go on alone, which the tests of that behaviour cause on purpose instead.
   */
  static RedisSharedCache cache(RedisServer redis) {
    return cache(redis, "openconnectors");
  }

  /** As {@link #cache(RedisServer)}, its keys and notices under {@code namespace}. */
  static RedisSharedCache cache(RedisServer redis, String namespace) {
    RedisSharedCache cache =
        RedisSharedCache.builder(redis.url(), KEY)
            .namespace(namespace)
            .timeout(Duration.ofSeconds(3))
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    // Started, connected and through its code once, as a replica is once it serves: a cold JVM
    // (BlockHound instrumenting every class it loads) could otherwise outlast the timeouts.
    cache.get("warm-up", Mono.just(SharedValue.untilRefused("-"))).block(Duration.ofSeconds(30));
    // And subscribed to the fleet's notices: until then its pub/sub connection is a plain client,
    // which a test's CLIENT KILL TYPE normal would count.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!cache.notices().live()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the replica did not subscribe to the fleet's notices in 30 s");
      }
      Mono.delay(Duration.ofMillis(5)).block();
    }
    return cache;
  }
}
