package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The module's tests run under BlockHound: a blocking call on a Reactor thread fails them. */
class BlockHoundTest {

  @Test
  void blockHoundIsInstalled() {
    CountDownLatch never = new CountDownLatch(1);
    StepVerifier.create(Mono.delay(Duration.ofMillis(1)).doOnNext(tick -> await(never)))
        .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("Blocking call!"))
        .verify(Duration.ofSeconds(5));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
