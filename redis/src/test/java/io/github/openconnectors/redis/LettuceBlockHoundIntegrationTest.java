package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.DefaultEndpoint;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * A write that waits for Lettuce's connection lock on a Reactor thread, forced: with BlockHound
 * installed (as in every test of this module) the write must neither fail nor wedge the connection.
 */
class LettuceBlockHoundIntegrationTest {

  RedisServer redis;
  RedisClient client;

  @AfterEach
  void stop() throws InterruptedException {
    if (client != null) {
      // On a daemon thread: a wedged connection spins for ever in its shutdown too, and the test
      // must report that, not hang.
      RedisClient closing = client;
      Thread shutdown =
          new Thread(() -> closing.shutdown(Duration.ZERO, Duration.ofSeconds(2)), "shutdown");
      shutdown.setDaemon(true);
      shutdown.start();
      shutdown.join(Duration.ofSeconds(10).toMillis());
      assertThat(shutdown.isAlive()).as("Lettuce's connection shut down").isFalse();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void blockHoundFindsTheIntegration() {
    assertThat(ServiceLoader.load(BlockHoundIntegration.class))
        .anyMatch(LettuceBlockHoundIntegration.class::isInstance);
  }

  @Test
  void aWriterWaitingForLettucesLockOnAReactorThreadIsServedAndLeavesTheConnectionWorking()
      throws Exception {
    redis = RedisTests.redis();
    client = RedisClient.create(redis.url());
    StatefulRedisConnection<String, String> connection = client.connect();
    ReentrantLock lock = writerLock(connection);

    for (int round = 0; round < 3; round++) {
      // The lock held elsewhere, as by another writer or by the connection's activation...
      lock.lock();
      CompletableFuture<String> ping =
          connection.reactive().ping().subscribeOn(Schedulers.parallel()).toFuture();
      boolean waited;
      try {
        // ...until the Reactor thread's write is parked behind it (or has failed trying).
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lock.hasQueuedThreads() && !ping.isDone() && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        waited = lock.hasQueuedThreads();
      } finally {
        lock.unlock();
      }
      assertThat(ping.get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
      assertThat(waited).as("the write waited for Lettuce's lock on a Reactor thread").isTrue();
      // Without the integration, BlockHound's error leaves the writer count negative and this
      // write spins for ever.
      StepVerifier.create(connection.reactive().ping().subscribeOn(Schedulers.parallel()))
          .expectNext("PONG")
          .expectComplete()
          .verify(Duration.ofSeconds(5));
    }
  }

  /** Lettuce's per-connection lock, reached by reflection: it has no API to force a wait. */
  private static ReentrantLock writerLock(StatefulRedisConnection<String, String> connection)
      throws ReflectiveOperationException {
    Object writer = ((StatefulRedisConnectionImpl<?, ?>) connection).getChannelWriter();
    while (!(writer instanceof DefaultEndpoint)) {
      writer = read(writer, "delegate");
    }
    return (ReentrantLock) read(read(writer, "sharedLock"), "lock");
  }

  private static Object read(Object target, String name) throws ReflectiveOperationException {
    for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
      } catch (NoSuchFieldException notHere) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(target.getClass().getName() + "." + name);
  }
}
