package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** An exchange's cancel runs on its connection's loop once the response has come. */
class ConnectionLoopCancelTest {

  final EventLoop connectionLoop = new DefaultEventLoop();

  @AfterEach
  void stopLoop() {
    connectionLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void beforeTheResponseACancelRunsWhereItIsCalled() {
    ConnectionLoopCancel cancel = new ConnectionLoopCancel();
    CompletableFuture<Thread> ranOn = cancelledOn(cancel);
    assertThat(ranOn).isCompletedWithValue(Thread.currentThread());
  }

  @Test
  void afterTheResponseACancelFromAnotherThreadRunsOnTheConnectionsLoop() throws Exception {
    ConnectionLoopCancel cancel = new ConnectionLoopCancel();
    cancel.respondedOn(connectionLoop);
    Thread loopThread = connectionLoop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);

    // From a timer thread, as take(Duration) cancels.
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    Schedulers.parallel()
        .schedule(() -> cancelledOn(cancel).whenComplete((thread, e) -> ranOn.complete(thread)));
    assertThat(ranOn).succeedsWithin(Duration.ofSeconds(5)).isSameAs(loopThread);
  }

  @Test
  void onTheConnectionsLoopACancelRunsAtOnce() throws Exception {
    ConnectionLoopCancel cancel = new ConnectionLoopCancel();
    cancel.respondedOn(connectionLoop);
    // Run inline there: done by the time the loop's task returns, not queued behind it.
    boolean done =
        connectionLoop.submit(() -> cancelledOn(cancel).isDone()).get(5, TimeUnit.SECONDS);
    assertThat(done).isTrue();
  }

  @Test
  void aLoopShutDownStillGetsTheCancelRun() {
    ConnectionLoopCancel cancel = new ConnectionLoopCancel();
    cancel.respondedOn(connectionLoop);
    connectionLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(cancelledOn(cancel)).isCompletedWithValue(Thread.currentThread());
  }

  /** Subscribes to a source that never ends through cancelOn, cancels, and tells the thread. */
  private static CompletableFuture<Thread> cancelledOn(ConnectionLoopCancel cancel) {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    Flux.from(Sinks.many().unicast().<String>onBackpressureBuffer().asFlux())
        .doOnCancel(() -> ranOn.complete(Thread.currentThread()))
        .cancelOn(cancel.scheduler())
        .subscribe()
        .dispose();
    return ranOn;
  }
}
