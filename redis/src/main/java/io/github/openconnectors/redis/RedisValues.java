package io.github.openconnectors.redis;

import io.github.openconnectors.reactor.fleet.SharedValue;
import io.lettuce.core.ScriptOutputType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The shared cache's protocol for values in Redis: one refresh for the fleet under a lock with a
 * lease, the look for a value and the lock taken in one script ({@code look-or-lock.lua}), the
 * value stored and the lock released in another ({@code store-and-release.lua}), waiters woken by
 * the release's {@link RedisNotices notice}, which carries the value sealed (looking again when
 * notices do not arrive), values sealed at rest, and compare-and-invalidate of a refused value.
 * Every command goes through the {@link RedisLink}; when one fails, the caller loads or keeps its
 * value alone.
 */
final class RedisValues {

  private static final Duration FIRST_POLL = Duration.ofMillis(10);
  private static final long LONGEST_POLL_MILLIS = 100;
  // With notices, a look now and then in case one is lost, or the holder is gone without releasing
  // (its lease ends the lock).
  private static final long LOOK_AGAIN_MILLIS = 500;
  // What look-or-lock.lua answers: the value found after this prefix, the lock taken, or held.
  private static final String FOUND = "=";
  private static final String LOCKED = "L";

  private final RedisLink redis;
  private final RedisNotices notices;
  private final Sealing sealing;
  private final SecureRandom random;
  private final String namespace;
  private final Duration lease;
  private final Duration keepAtMost;
  private final RedisScript invalidateIfRefused =
      RedisScript.load("invalidate-if-refused.lua", ScriptOutputType.INTEGER);
  private final RedisScript releaseIfHeld =
      RedisScript.load("release-if-held.lua", ScriptOutputType.INTEGER);
  private final RedisScript lookOrLock =
      RedisScript.load("look-or-lock.lua", ScriptOutputType.VALUE);
  private final RedisScript storeAndRelease =
      RedisScript.load("store-and-release.lua", ScriptOutputType.INTEGER);
  private final Map<String, Flight> flights = new ConcurrentHashMap<>();

  RedisValues(
      RedisLink redis,
      RedisNotices notices,
      Sealing sealing,
      SecureRandom random,
      String namespace,
      Duration lease,
      Duration keepAtMost) {
    this.redis = redis;
    this.notices = notices;
    this.sealing = sealing;
    this.random = random;
    this.namespace = namespace;
    this.lease = lease;
    this.keepAtMost = keepAtMost;
  }

  /** The value under {@code key}: found in Redis, or loaded once for the fleet. */
  Mono<String> get(String key, Mono<SharedValue> load) {
    // One flight per key in this replica too: its callers share one value, one lock and one poll.
    return Mono.defer(() -> flights.computeIfAbsent(key, name -> new Flight(name, load)).value);
  }

  /**
   * One fetch of a value for every caller in this replica that asks while it runs. It belongs to
   * the cache: a caller that cancels does not cancel it for the others.
   */
  private final class Flight {
    final Mono<String> value;

    Flight(String key, Mono<SharedValue> load) {
      this.value =
          Mono.defer(() -> fetch(storedKey(key), load))
              .doFinally(signal -> flights.remove(key, this))
              .cache();
    }
  }

  private Mono<String> fetch(String stored, Mono<SharedValue> load) {
    if (!redis.mayCallRedis()) {
      return loadAlone(load);
    }
    // Waiting stops when the value is stored or this replica takes the lock. The holder's lease
    // bounds each wait; should holders keep failing, twice the lease bounds it all.
    long deadline = now() + 2 * lease.toMillis();
    return findOrLoad(stored, load, deadline)
        .onErrorResume(
            RedisFailure.class, failure -> redis.fellBack(failure).then(loadAlone(load)));
  }

  /** The stored value, or the one this replica loads under the lock, or the one it waited for. */
  private Mono<String> findOrLoad(String stored, Mono<SharedValue> load, long deadline) {
    return findOrLoad(stored, load, deadline, false);
  }

  /**
   * @param overUnreadable whether to take the lock over a stored value that did not open with this
   *     cache's key (another key, or another version's format), to replace it
   */
  private Mono<String> findOrLoad(
      String stored, Mono<SharedValue> load, long deadline, boolean overUnreadable) {
    return Mono.defer(
        () -> {
          // Asked for before looking, so that a release between the look and the wait is not
          // missed: the holder releases its lock once the value is stored (or its load failed).
          @Nullable Mono<String> released =
              notices.live() ? notices.nextRelease(lockKey(stored)) : null;
          String owner = owner();
          return redis
              .command(
                  r ->
                      lookOrLock.<String>run(
                          r,
                          new String[] {stored, lockKey(stored)},
                          owner,
                          Long.toString(lease.toMillis()),
                          overUnreadable ? "1" : "0"))
              .flatMap(
                  look -> {
                    if (look.startsWith(FOUND)) {
                      return sealing
                          .open(stored, look.substring(FOUND.length()))
                          .map(Mono::just)
                          .orElseGet(() -> findOrLoad(stored, load, deadline, true));
                    }
                    if (look.equals(LOCKED)) {
                      return loadAndStore(stored, load, owner);
                    }
                    return now() >= deadline
                        ? loadAlone(load)
                        : waitForRelease(released, deadline)
                            .flatMap(box -> Mono.justOrEmpty(sealing.open(stored, box)))
                            .switchIfEmpty(findOrLoad(stored, load, deadline));
                  });
        });
  }

  /**
   * The value the holder's release tells, if it tells one; empty when it tells none, when notices
   * are down, or after {@value #LOOK_AGAIN_MILLIS} ms, so that the caller looks again. Without
   * notices, polls often at first, when the holder is most likely about to publish, then less
   * often.
   */
  private Mono<String> waitForRelease(@Nullable Mono<String> released, long deadline) {
    long left = Math.max(1, deadline - now());
    if (released != null) {
      return released.or(
          Mono.delay(Duration.ofMillis(Math.min(LOOK_AGAIN_MILLIS, left)), Schedulers.parallel())
              .then(Mono.empty()));
    }
    long pause = Math.min(LONGEST_POLL_MILLIS, Math.max(FIRST_POLL.toMillis(), left / 50));
    return Mono.delay(Duration.ofMillis(Math.min(pause, left)), Schedulers.parallel())
        .then(Mono.empty());
  }

  private Mono<String> loadAndStore(String stored, Mono<SharedValue> load, String owner) {
    return load.flatMap(
            fresh ->
                storeAndRelease(stored, fresh, owner)
                    .onErrorResume(RedisFailure.class, failure -> redis.fellBack(failure))
                    .thenReturn(fresh.value()))
        // A source with nothing to give frees the lock too.
        .switchIfEmpty(Mono.defer(() -> release(stored, owner).then(Mono.empty())))
        .onErrorResume(
            failure -> !(failure instanceof RedisFailure),
            failure -> release(stored, owner).then(Mono.error(failure)));
  }

  /**
   * Stores the value with its time to live and releases the lock, telling the waiters the value; a
   * value already expired is not stored, and the lock is only released. Should the value not reach
   * Redis, the lock's lease ends the lock anyway.
   */
  private Mono<Void> storeAndRelease(String stored, SharedValue fresh, String owner) {
    long ttl =
        fresh
            .expiresAt()
            .map(at -> at.toEpochMilli() - System.currentTimeMillis())
            .orElse(keepAtMost.toMillis());
    if (ttl <= 0) {
      return release(stored, owner);
    }
    String box = sealing.seal(stored, fresh.value());
    return redis
        .command(
            r ->
                storeAndRelease.<Long>run(
                    r,
                    new String[] {stored, lockKey(stored)},
                    box,
                    Long.toString(Math.min(ttl, keepAtMost.toMillis())),
                    owner,
                    notices.channel(),
                    RedisNotices.released(lockKey(stored))))
        .then();
  }

  private Mono<Void> release(String stored, String owner) {
    return redis
        .command(
            r ->
                releaseIfHeld.<Long>run(
                    r,
                    new String[] {lockKey(stored)},
                    owner,
                    notices.channel(),
                    RedisNotices.released(lockKey(stored))))
        .onErrorResume(RedisFailure.class, failure -> redis.fellBack(failure).then(Mono.empty()))
        .then();
  }

  private Mono<String> loadAlone(Mono<SharedValue> load) {
    return load.map(SharedValue::value);
  }

  /** Drops the value under {@code key} if it is still {@code refused}. */
  Mono<Void> invalidate(String key, String refused) {
    String stored = storedKey(key);
    return Mono.defer(
        () -> {
          if (!redis.mayCallRedis()) {
            return Mono.empty();
          }
          String fingerprint = sealing.fingerprint(refused);
          return redis
              .command(r -> invalidateIfRefused.<Long>run(r, new String[] {stored}, fingerprint))
              .then()
              .onErrorResume(RedisFailure.class, failure -> redis.fellBack(failure).then());
        });
  }

  /**
   * Who holds a lock: random, so that only its holder releases it. From the seeded generator, not
   * {@code UUID.randomUUID()}, whose generator reads a file on a Reactor thread.
   */
  private String owner() {
    byte[] owner = new byte[16];
    random.nextBytes(owner);
    return HexFormat.of().formatHex(owner);
  }

  private String storedKey(String key) {
    // One hash tag per value, so that its lock lands in the same cluster slot.
    return namespace + ":{" + key + "}";
  }

  private static String lockKey(String stored) {
    return stored + ":lock";
  }

  private static long now() {
    return Schedulers.parallel().now(TimeUnit.MILLISECONDS);
  }
}
