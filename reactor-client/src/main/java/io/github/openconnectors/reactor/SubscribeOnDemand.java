package io.github.openconnectors.reactor;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
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
 *
 * <p>As reactor-core's operators: a source that cannot be made (the function throws or returns
 * null) is signalled with {@code onError}, never thrown out of {@code request}; the operator and
 * its subscription are {@link Scannable}.
 */
final class SubscribeOnDemand<T> extends Flux<T> implements Scannable {

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

  @Override
  @SuppressWarnings("rawtypes") // Scannable's own signature takes the raw Attr
  public @Nullable Object scanUnsafe(Attr key) {
    return key == Attr.RUN_STYLE ? Attr.RunStyle.SYNC : null;
  }

  private static final class Gate<T> extends Operators.DeferredSubscription
      implements CoreSubscriber<T> {
    private final CoreSubscriber<? super T> actual;
    private final LongFunction<Flux<T>> source;
    private final AtomicBoolean opened = new AtomicBoolean();
    private volatile boolean terminated;

    Gate(CoreSubscriber<? super T> actual, LongFunction<Flux<T>> source) {
      this.actual = actual;
      this.source = source;
    }

    @Override
    public void request(long n) {
      super.request(n);
      if (n > 0 && opened.compareAndSet(false, true) && !isCancelled()) {
        Flux<T> chosen;
        try {
          chosen = Objects.requireNonNull(source.apply(n), "the source function returned null");
        } catch (Throwable failure) {
          Exceptions.throwIfFatal(failure);
          onError(Operators.onOperatorError(failure, actual.currentContext()));
          return;
        }
        chosen.subscribe(this);
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
      terminated = true;
      actual.onError(failure);
    }

    @Override
    public void onComplete() {
      terminated = true;
      actual.onComplete();
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }

    @Override
    @SuppressWarnings("rawtypes") // Scannable's own signature takes the raw Attr
    public @Nullable Object scanUnsafe(Attr key) {
      if (key == Attr.ACTUAL) {
        return actual;
      }
      if (key == Attr.TERMINATED) {
        return terminated;
      }
      if (key == Attr.RUN_STYLE) {
        return Attr.RunStyle.SYNC;
      }
      // The upstream (PARENT), the demand not yet passed on and whether cancelled.
      return super.scanUnsafe(key);
    }
  }
}
