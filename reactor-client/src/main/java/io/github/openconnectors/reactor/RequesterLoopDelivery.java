package io.github.openconnectors.reactor;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * Delivers a listing's items on the Netty event loop that asks for them, when one does: a WebFlux
 * response's writer, which asks on its connection's loop, then receives every item on that loop
 * too, as it would from a source of its own. Demand passes through unchanged, item for item: no
 * prefetch, so a page is still requested only when downstream demand reaches it.
 *
 * <p>Why: the client's items arrive on the event loop of the client's own connection. A WebFlux
 * writer fed from another thread than its connection's lost demand in about 2% of cold runs
 * (Reactor Netty's {@code sendGroups} concatMap fed across threads while its {@code MonoSendMany}
 * refills from the connection's loop: the stream stalled, the writer asking for nothing more;
 * reproduced without this library by {@code Flux.range} items published from another event loop;
 * {@code NdjsonSourcesTest} in the examples and {@code scripts/README.md} hold the reproduction and
 * the counts; upstream, the same family as reactor-core issue 4406, a concatMap fed from one thread
 * and requested from another). Here the writer sees one thread only.
 *
 * <p>When the first request does not come from an event loop (a test's thread, a plain {@code
 * subscribe}, Reactor's schedulers), items go on as they arrive, with no hop.
 */
final class RequesterLoopDelivery<T> extends Flux<T> implements Scannable {

  private final Flux<T> source;

  RequesterLoopDelivery(Flux<T> source) {
    this.source = source;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    source.subscribe(new Delivery<>(actual));
  }

  @Override
  @SuppressWarnings("rawtypes") // Scannable's own signature takes the raw Attr
  public @Nullable Object scanUnsafe(Attr key) {
    if (key == Attr.PARENT) {
      return source;
    }
    return key == Attr.RUN_STYLE ? Attr.RunStyle.ASYNC : null;
  }

  /** The loop running the current thread, if it is a Netty event loop's. */
  static @Nullable EventExecutor currentLoop() {
    return ThreadExecutorMap.currentExecutor();
  }

  static final class Delivery<T> implements CoreSubscriber<T>, Subscription, Runnable, Scannable {

    private final CoreSubscriber<? super T> actual;
    // Upstream signals one at a time; the loop takes them out.
    private final Queue<T> queue = Queues.<T>unbounded().get();
    private @Nullable Subscription upstream;
    // Set by the first request: the loop that asked, or none (deliver as items arrive).
    private volatile @Nullable EventExecutor loop;
    private volatile boolean asked;
    private volatile boolean done;
    private @Nullable Throwable failure;
    private volatile boolean cancelled;
    // Who delivers: whoever raises it from zero, until it is back to zero.
    private final AtomicInteger wip = new AtomicInteger();

    Delivery(CoreSubscriber<? super T> actual) {
      this.actual = actual;
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (Operators.validate(upstream, s)) {
        upstream = s;
        actual.onSubscribe(this);
      }
    }

    @Override
    public void request(long n) {
      if (!asked) {
        // The first request's thread decides, before any item can be delivered.
        loop = currentLoop();
        asked = true;
      }
      Subscription s = upstream;
      if (s != null) {
        s.request(n);
      }
    }

    @Override
    public void onNext(T item) {
      if (done || cancelled) {
        Operators.onDiscard(item, actual.currentContext());
        return;
      }
      queue.offer(item);
      drain();
    }

    @Override
    public void onError(Throwable error) {
      if (done) {
        Operators.onErrorDropped(error, actual.currentContext());
        return;
      }
      failure = error;
      done = true;
      drain();
    }

    @Override
    public void onComplete() {
      if (done) {
        return;
      }
      done = true;
      drain();
    }

    @Override
    public void cancel() {
      if (cancelled) {
        return;
      }
      cancelled = true;
      Subscription s = upstream;
      if (s != null) {
        s.cancel();
      }
      if (wip.getAndIncrement() == 0) {
        Operators.onDiscardQueueWithClear(queue, actual.currentContext(), null);
      }
    }

    private void drain() {
      if (wip.getAndIncrement() != 0) {
        return;
      }
      EventExecutor target = loop;
      if (target == null || target.inEventLoop()) {
        run();
        return;
      }
      try {
        target.execute(this);
      } catch (Throwable rejected) {
        // A loop shutting down: deliver here rather than lose the signals.
        Exceptions.throwIfFatal(rejected);
        run();
      }
    }

    /** Hands every queued signal to the subscriber; only one thread at a time runs it. */
    @Override
    public void run() {
      int missed = 1;
      for (; ; ) {
        for (; ; ) {
          if (cancelled) {
            Operators.onDiscardQueueWithClear(queue, actual.currentContext(), null);
            return;
          }
          boolean finished = done;
          T item = queue.poll();
          if (item == null) {
            if (finished) {
              Throwable error = failure;
              if (error != null) {
                actual.onError(error);
              } else {
                actual.onComplete();
              }
              return;
            }
            break;
          }
          actual.onNext(item);
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }

    @Override
    @SuppressWarnings("rawtypes") // Scannable's own signature takes the raw Attr
    public @Nullable Object scanUnsafe(Attr key) {
      if (key == Attr.PARENT) {
        return upstream;
      }
      if (key == Attr.ACTUAL) {
        return actual;
      }
      if (key == Attr.BUFFERED) {
        return queue.size();
      }
      if (key == Attr.TERMINATED) {
        return done && queue.isEmpty();
      }
      if (key == Attr.CANCELLED) {
        return cancelled;
      }
      if (key == Attr.ERROR) {
        return failure;
      }
      return key == Attr.RUN_STYLE ? Attr.RunStyle.ASYNC : null;
    }
  }
}
