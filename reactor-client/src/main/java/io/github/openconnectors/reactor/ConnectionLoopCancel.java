package io.github.openconnectors.reactor;

import io.netty.channel.EventLoop;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

/**
 * Where one exchange's cancel runs: once its response has come, on the event loop of the connection
 * that carries it, where Reactor Netty reads that connection; before, where it is called.
 *
 * <p>Why: a listing is cancelled from whichever thread its subscriber runs on (a timer for {@code
 * take(Duration)}, the requester's event loop for {@code take(n)}), while the pages it read ahead
 * are still arriving on their connections' loops. Reactor Netty releases a response's content on a
 * cancel by looking at the state of the connection's inbound from the cancelling thread; run on the
 * connection's own loop, the cancel and the reading of the same response are never interleaved. The
 * soak test ({@code ConcurrencySoakTest}) once reported a response's last content, read whole in
 * one read, never released under such cancels (about one JVM run in 40 under load, on Java 25);
 * {@code scripts/README.md} holds the counts before and after.
 */
final class ConnectionLoopCancel implements Executor {

  private volatile @Nullable EventLoop loop;
  private final Scheduler scheduler = Schedulers.fromExecutor(this);

  /** The response has come: its connection's loop runs the cancel from now on. */
  void responded(HttpClientResponse response) {
    // Reactor Netty's response is the connection's operations, a Connection.
    if (response instanceof Connection connection) {
      respondedOn(connection.channel().eventLoop());
    }
  }

  void respondedOn(EventLoop connectionLoop) {
    loop = connectionLoop;
  }

  /** For {@code cancelOn}. */
  Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public void execute(Runnable cancel) {
    EventLoop target = loop;
    if (target == null || target.inEventLoop()) {
      cancel.run();
      return;
    }
    try {
      target.execute(cancel);
    } catch (RejectedExecutionException shuttingDown) {
      // The loop is closing, and its connections with it: cancel here rather than not at all.
      cancel.run();
    }
  }
}
