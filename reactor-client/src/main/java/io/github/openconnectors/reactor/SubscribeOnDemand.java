package io.github.openconnectors.reactor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Subscribes to its source only when the subscriber first asks for an item, and lets the first
 * request's size choose the source.
 *
 * <p>An HTTP request starts when its publisher is subscribed to; {@code concatMap} subscribes to
 * the next page as soon as the previous one completes, demand or not. Behind this gate the next
 * page is requested only when downstream demand reaches it.
 */
final class SubscribeOnDemand<T> extends Flux<T> {

  private final LongFunction<Flux<T>> source;

  /** A gate in front of one source. */
  SubscribeOnDemand(Supplier<Flux<T>> source) {
    this(firstRequest -> source.get());
  }

  /** A gate that picks its source by the subscriber's first request. */
  SubscribeOnDemand(LongFunction<Flux<T>> source) {
    this.source = source;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    actual.onSubscribe(new Gate<>(actual, source));
  }

  private static final class Gate<T> extends Operators.DeferredSubscription
      implements CoreSubscriber<T> {
    private final CoreSubscriber<? super T> actual;
    private final LongFunction<Flux<T>> source;
    private final AtomicBoolean opened = new AtomicBoolean();

    Gate(CoreSubscriber<? super T> actual, LongFunction<Flux<T>> source) {
      this.actual = actual;
      this.source = source;
    }

    @Override
    public void request(long n) {
      super.request(n);
      if (opened.compareAndSet(false, true) && !isCancelled()) {
        source.apply(n).subscribe(this);
      }
    }

    @Override
    public void onSubscribe(Subscription upstream) {
      set(upstream);
    }

    @Override
    public void onNext(T item) {
      actual.onNext(item);
    }

    @Override
    public void onError(Throwable failure) {
      actual.onError(failure);
    }

    @Override
    public void onComplete() {
      actual.onComplete();
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }
  }
}
