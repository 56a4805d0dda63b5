package io.github.openconnectors.reactor.fleet;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link RateBudget} in memory. Each scope paces its requests with a virtual schedule (the
 * generic cell rate algorithm: the time at which the next request may go, moved on by one interval
 * per request) and remembers until when it is paused. Lock-free; waits on Reactor's parallel
 * scheduler, so virtual time works in tests.
 */
final class LocalRateBudget implements RateBudget {

  private final Map<String, Scope> scopes = new ConcurrentHashMap<>();

  @Override
  public Mono<Void> acquire(String scope, @Nullable RequestRate rate) {
    return Mono.defer(
        () -> {
          Scope state = scopes.computeIfAbsent(scope, ignored -> new Scope());
          long now = now();
          long wait = state.reserve(now, rate);
          if (wait <= 0) {
            return Mono.empty();
          }
          // A pause that began while this request waited holds it back too.
          return Mono.delay(Duration.ofNanos(wait), Schedulers.parallel())
              .then(Mono.defer(() -> state.pausedAt(now()) ? acquire(scope, rate) : Mono.empty()));
        });
  }

  @Override
  public Mono<Void> pause(String scope, Duration retryAfter) {
    return Mono.fromRunnable(
        () ->
            scopes
                .computeIfAbsent(scope, ignored -> new Scope())
                .pauseUntil(now() + Math.max(0, retryAfter.toNanos())));
  }

  @Override
  public Mono<Duration> pauseLeft(String scope) {
    return Mono.fromSupplier(
        () -> {
          Scope state = scopes.get(scope);
          long now = now();
          // Compared before subtracting: a scope never paused holds Long.MIN_VALUE.
          return state == null || !state.pausedAt(now)
              ? null
              : Duration.ofNanos(state.pausedUntil.get() - now);
        });
  }

  private static long now() {
    return Schedulers.parallel().now(TimeUnit.NANOSECONDS);
  }

  /** A scope's schedule and pause; every field moves forward only. */
  private static final class Scope {

    private final AtomicLong nextFree = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong pausedUntil = new AtomicLong(Long.MIN_VALUE);

    /** Takes the scope's next free moment; returns how long from now until it comes. */
    long reserve(long now, @Nullable RequestRate rate) {
      long earliest = afterPause(now);
      if (rate == null) {
        return earliest - now;
      }
      long start;
      long taken;
      do {
        taken = nextFree.get();
        start = Math.max(taken, earliest);
      } while (!nextFree.compareAndSet(taken, start + rate.intervalNanos()));
      return start - now;
    }

    /** Now, or when the pause ends plus up to a tenth of what is left of it. */
    private long afterPause(long now) {
      long until = pausedUntil.get();
      if (until <= now) {
        return now;
      }
      long left = until - now;
      return until + ThreadLocalRandom.current().nextLong(left / 10 + 1);
    }

    boolean pausedAt(long now) {
      return pausedUntil.get() > now;
    }

    void pauseUntil(long until) {
      pausedUntil.accumulateAndGet(until, Math::max);
    }
  }
}
