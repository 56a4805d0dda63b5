package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The module's tests run under BlockHound: a blocking call on a Reactor thread fails them. */
class BlockHoundTest {

  @Test
  void blockHoundIsInstalled() {
    assertThatThrownBy(
            () ->
                Mono.delay(Duration.ofMillis(1))
                    .doOnNext(
                        tick -> {
                          try {
                            Thread.sleep(1);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        })
                    .subscribeOn(Schedulers.parallel())
                    .block(Duration.ofSeconds(5)))
        .hasMessageContaining("Blocking call");
  }
}
