package io.github.openconnectors.redis;

import io.github.openconnectors.reactor.fleet.RateBudget;
import io.github.openconnectors.reactor.fleet.RequestRate;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * The fleet's {@link RateBudget} in Redis, on the {@link RedisLink} of a {@link RedisSharedCache}:
 * one schedule per scope (the moment its next request may go, moved on by one interval per request,
 * in Redis's own clock so that the replicas' clocks do not matter) and one pause key per scope that
 * lives as long as the pause. Without Redis, each replica keeps the budget alone.
 *
 * <p>A scope without a rate asks Redis nothing per request: a pause is told to every replica as it
 * is recorded ({@link RedisNotices}), and each replica asks Redis once per scope for the pause on
 * now, and again whenever its subscription to the notices was lost and is back. Only while the
 * notices do not arrive does each request of such a scope take its turn in Redis.
 */
final class RedisRateBudget implements RateBudget {

  /** A wait at least this long looks at the pause again before the request goes. */
  private static final long RECHECK_AFTER_MICROS = 100_000;

  private final RedisLink redis;
  private final String namespace;
  private final RedisScript takeTurnScript =
      RedisScript.load("take-turn.lua", ScriptOutputType.MULTI);
  private final RedisScript pauseScript = RedisScript.load("pause.lua", ScriptOutputType.INTEGER);
  private final RateBudget alone = RateBudget.local();
  // Per scope, the end of this replica's line of requests waiting for a turn.
  private final Map<String, AtomicReference<Mono<Void>>> lines = new ConcurrentHashMap<>();
  // Per scope, until when it is paused as far as this replica knows: its own 429s and the pauses
  // the fleet told (System.nanoTime()).
  private final Map<String, AtomicLong> pausedUntil = new ConcurrentHashMap<>();
  // Per scope, the notices' epoch in which this replica last learnt the scope's pause from Redis.
  private final Map<String, Long> learnt = new ConcurrentHashMap<>();
  private final RedisNotices notices;

  RedisRateBudget(RedisLink redis, RedisNotices notices, String namespace) {
    this.redis = redis;
    this.notices = notices;
    this.namespace = namespace;
    notices.onPause(this::pausedFor);
  }

  /**
   * Takes a turn after this replica's requests of the scope that asked before: each replica holds
   * one place in the fleet's schedule at a time, so the replicas' turns interleave, and no request
   * holds a turn far ahead that a pause would have to take back.
   */
  @Override
  public Mono<Void> acquire(String scope, @Nullable RequestRate rate) {
    Objects.requireNonNull(scope, "scope");
    return Mono.defer(
        () -> {
          Sinks.Empty<Void> taken = Sinks.empty();
          Mono<Void> ahead =
              lines
                  .computeIfAbsent(scope, ignored -> new AtomicReference<>(Mono.empty()))
                  .getAndSet(taken.asMono());
          // On the parallel scheduler: a line of turns that come at once must not recurse.
          return ahead
              .publishOn(Schedulers.parallel())
              .then(takeTurn(scope, rate))
              .doFinally(signal -> taken.tryEmitEmpty());
        });
  }

  private Mono<Void> takeTurn(String scope, @Nullable RequestRate rate) {
    return Mono.defer(
        () -> {
          if (!redis.mayCallRedis()) {
            return alone.acquire(scope, rate);
          }
          long epoch = notices.epoch();
          boolean told = rate == null && notices.live();
          if (told && learnt.getOrDefault(scope, -1L) == epoch) {
            return waitOutPause(scope);
          }
          String schedule = key(scope, "next");
          String pause = key(scope, "paused");
          String interval = rate == null ? "0" : Long.toString(rate.interval().toNanos() / 1000);
          return redis
              .<List<Object>>command(
                  r ->
                      takeTurnScript.<List<Object>>run(r, new String[] {schedule, pause}, interval))
              .doOnNext(
                  turn -> {
                    if (told) {
                      // What the notices of this epoch may have missed: the pause on now.
                      pausedFor(scope, Math.max(0, (Long) turn.get(1) / 1000));
                      learnt.put(scope, epoch);
                    }
                  })
              .flatMap(turn -> waitFor(turn, scope, rate))
              .onErrorResume(
                  RedisFailure.class,
                  failure -> redis.fellBack(failure).then(alone.acquire(scope, rate)));
        });
  }

  /**
   * Waits for the turn; after a long wait, a pause that began meanwhile sends the request back for
   * another turn.
   */
  private Mono<Void> waitFor(List<Object> turn, String scope, @Nullable RequestRate rate) {
    long waitMicros = (Long) turn.get(0);
    long pauseLeftMicros = (Long) turn.get(1);
    if (pauseLeftMicros > 0) {
      // Spread the end of a pause over a tenth of it, so the fleet does not resume at once.
      waitMicros += ThreadLocalRandom.current().nextLong(pauseLeftMicros / 10 + 1);
    }
    if (waitMicros <= 0) {
      return Mono.empty();
    }
    Mono<Long> waited = Mono.delay(Duration.ofNanos(waitMicros * 1000), Schedulers.parallel());
    if (waitMicros < RECHECK_AFTER_MICROS) {
      // A pause another replica records within so short a wait lets this one request through, at
      // most one per replica: not worth a second command for every turn. This replica's own 429s
      // are known here at once.
      return waited.then(
          Mono.defer(() -> pausedHere(scope) ? takeTurn(scope, rate) : Mono.<Void>empty()));
    }
    String pause = key(scope, "paused");
    return waited
        .then(
            redis
                .command(r -> r.pttl(pause))
                .onErrorResume(
                    RedisFailure.class, failure -> redis.fellBack(failure).thenReturn(0L)))
        .flatMap(left -> left > 0 ? takeTurn(scope, rate) : Mono.empty());
  }

  /** Waits out the pause this replica knows of, spread as {@link #waitFor} spreads it. */
  private Mono<Void> waitOutPause(String scope) {
    AtomicLong until = pausedUntil.get(scope);
    long leftNanos = until == null ? 0 : until.get() - System.nanoTime();
    if (leftNanos <= 0) {
      return Mono.empty();
    }
    long spread = ThreadLocalRandom.current().nextLong(leftNanos / 10 + 1);
    // Looked at again after the wait: a longer pause may have been told meanwhile.
    return Mono.delay(Duration.ofNanos(leftNanos + spread), Schedulers.parallel())
        .then(Mono.defer(() -> takeTurn(scope, null)));
  }

  /** A pause of the scope, told by the fleet or found in Redis, from now on. */
  private void pausedFor(String scope, long millis) {
    if (millis > 0) {
      pausedUntil
          .computeIfAbsent(scope, unused -> new AtomicLong(Long.MIN_VALUE))
          .accumulateAndGet(System.nanoTime() + millis * 1_000_000, Math::max);
    }
  }

  /** The pause this replica knows of now, without asking Redis (for tests). */
  Duration knownPause(String scope) {
    AtomicLong until = pausedUntil.get(scope);
    long left = until == null ? 0 : until.get() - System.nanoTime();
    return Duration.ofNanos(Math.max(0, left));
  }

  @Override
  public Mono<Void> pause(String scope, Duration retryAfter) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(retryAfter, "retryAfter");
    // Kept here too: if Redis fails now, this replica still honours the pause.
    Mono<Void> here =
        alone
            .pause(scope, retryAfter)
            .doOnSubscribe(
                ignored ->
                    pausedUntil
                        .computeIfAbsent(scope, unused -> new AtomicLong(Long.MIN_VALUE))
                        .accumulateAndGet(System.nanoTime() + retryAfter.toNanos(), Math::max));
    long millis = Math.max(1, retryAfter.toMillis());
    return here.then(
        Mono.defer(
            () ->
                !redis.mayCallRedis()
                    ? Mono.<Void>empty()
                    : redis
                        .command(
                            r ->
                                pauseScript.<Long>run(
                                    r,
                                    new String[] {key(scope, "paused")},
                                    Long.toString(millis),
                                    notices.channel(),
                                    RedisNotices.paused(scope)))
                        .then()
                        .onErrorResume(
                            RedisFailure.class, failure -> redis.fellBack(failure).then())));
  }

  /**
   * The longer of this replica's own pause and the fleet's (the pause key's time to live in Redis);
   * this replica's alone when Redis cannot be asked.
   */
  @Override
  public Mono<Duration> pauseLeft(String scope) {
    Objects.requireNonNull(scope, "scope");
    Mono<Duration> here = alone.pauseLeft(scope).defaultIfEmpty(Duration.ZERO);
    return Mono.defer(
            () ->
                !redis.mayCallRedis()
                    ? here
                    : redis
                        .command(r -> r.pttl(key(scope, "paused")))
                        .map(millis -> Duration.ofMillis(Math.max(0, millis)))
                        .onErrorResume(
                            RedisFailure.class,
                            failure -> redis.fellBack(failure).thenReturn(Duration.ZERO))
                        .zipWith(here, (fleet, own) -> fleet.compareTo(own) >= 0 ? fleet : own))
        .filter(left -> !left.isZero());
  }

  private boolean pausedHere(String scope) {
    AtomicLong until = pausedUntil.get(scope);
    return until != null && until.get() - System.nanoTime() > 0;
  }

  private String key(String scope, String part) {
    // One hash tag per scope, so that its schedule and pause land in the same cluster slot.
    return namespace + ":{rate:" + scope + "}:" + part;
  }

  @Override
  public String toString() {
    return "RedisRateBudget[" + redis.where() + ", namespace=" + namespace + "]";
  }
}
