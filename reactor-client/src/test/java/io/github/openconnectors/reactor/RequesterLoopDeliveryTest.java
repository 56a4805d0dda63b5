package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** A listing's items reach a subscriber on the event loop that asked for them. */
class RequesterLoopDeliveryTest {

  static {
    // Reactor looks for context-propagation when first subscribed to, reading a jar: on the test's
    // thread, not on the loop, where BlockHound would refuse the read (and the feature be off).
    Flux.just(0).subscribe();
  }

  final DefaultEventLoop writerLoop = new DefaultEventLoop();

  @AfterEach
  void stopLoop() {
    writerLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  /** Subscribes on the writer's loop and asks from there, as a WebFlux response's writer does. */
  static final class Writer extends BaseSubscriber<Integer> {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final List<Integer> items = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
      request(32);
    }

    @Override
    protected void hookOnNext(Integer item) {
      threads.add(Thread.currentThread().getName());
      items.add(item);
      if (items.size() % 24 == 0) {
        request(24);
      }
    }

    @Override
    protected void hookFinally(reactor.core.publisher.SignalType type) {
      done.countDown();
    }
  }

  @Test
  void itemsFromAnotherThreadAreDeliveredOnTheLoopThatAsked() throws Exception {
    String loopThread =
        writerLoop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
    Flux<Integer> emittedElsewhere =
        new RequesterLoopDelivery<>(Flux.range(0, 10_000).publishOn(Schedulers.single(), 16));
    Writer writer = new Writer();

    writerLoop.execute(() -> emittedElsewhere.subscribe(writer));

    assertThat(writer.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.items).hasSize(10_000);
    assertThat(writer.items.get(9_999)).isEqualTo(9_999);
    assertThat(writer.threads).containsExactly(loopThread);
  }

  @Test
  void demandPassesThroughUnchanged() {
    List<Long> asked = new CopyOnWriteArrayList<>();
    Flux<Integer> source = new RequesterLoopDelivery<>(Flux.range(0, 100).doOnRequest(asked::add));

    StepVerifier.create(source, 0)
        .thenRequest(3)
        .expectNext(0, 1, 2)
        .thenRequest(2)
        .expectNext(3, 4)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(asked).containsExactly(3L, 2L);
  }

  @Test
  void withoutALoopItemsGoOnWhereTheyArrive() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Flux<Integer> source =
        new RequesterLoopDelivery<>(
            Flux.range(0, 50)
                .publishOn(Schedulers.single())
                .doOnNext(item -> threads.add(Thread.currentThread().getName())));
    Set<String> delivered = ConcurrentHashMap.newKeySet();

    StepVerifier.create(source.doOnNext(item -> delivered.add(Thread.currentThread().getName())))
        .expectNextCount(50)
        .verifyComplete();
    assertThat(delivered).isEqualTo(threads);
  }

  @Test
  void aFailureComesAfterTheItemsBeforeIt() throws Exception {
    Flux<Integer> failing =
        new RequesterLoopDelivery<>(
            Flux.range(0, 5)
                .concatWith(Flux.error(new IllegalStateException("page 2")))
                .publishOn(Schedulers.single()));
    List<Object> signals = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);

    writerLoop.execute(
        () ->
            failing.subscribe(
                signals::add,
                error -> {
                  signals.add(error.getMessage());
                  done.countDown();
                }));

    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(signals).containsExactly(0, 1, 2, 3, 4, "page 2");
  }
}
