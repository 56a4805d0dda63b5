package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Proves that {@link NoLeaksExtension} can fail: a buffer dropped unreleased is reported. */
class LeakDetectionTest {

  @Test
  void anUnreleasedBufferIsReported() {
    LogCapture logs = LogCapture.install();
    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);

    leak();
    Boolean reported =
        Flux.interval(Duration.ofMillis(20))
            .take(100)
            .map(
                tick -> {
                  System.gc();
                  PooledByteBufAllocator.DEFAULT.directBuffer(8).release();
                  return logs.lines().stream().anyMatch(line -> line.contains("LEAK:"));
                })
            .filter(found -> found)
            .blockFirst(Duration.ofSeconds(10));

    assertThat(reported).isTrue();
    // This leak was made on purpose: the class's own check must not count it.
    logs.clear();
  }

  private static void leak() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
    leaked.writeInt(42);
  }
}
