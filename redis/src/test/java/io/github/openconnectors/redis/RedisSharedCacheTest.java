package io.github.openconnectors.redis;

import static io.github.openconnectors.redis.RedisTests.KEY;
import static io.github.openconnectors.redis.RedisTests.cache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.fleet.SharedValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class RedisSharedCacheTest {

  static final String TOKEN = "fleet-bearer-token+/=";

  RedisServer redis;
  final List<RedisSharedCache> caches = new ArrayList<>();

  @BeforeEach
  void startRedis() {
    redis = RedisTests.redis();
  }

  @AfterEach
  void stopRedis() {
    caches.forEach(RedisSharedCache::close);
    if (redis != null) {
      redis.close();
    }
  }

  RedisSharedCache replica() {
    RedisSharedCache cache = cache(redis);
    caches.add(cache);
    return cache;
  }

  /** A source that counts its reads and answers after a while, as a log-in does. */
  static Mono<SharedValue> counting(AtomicInteger loads, String value) {
    return Mono.fromCallable(
            () -> {
              loads.incrementAndGet();
              return SharedValue.expiring(value, Instant.now().plusSeconds(60));
            })
        .delayElement(Duration.ofMillis(100));
  }

  // Repeated: the race between one replica's look and another's release is not hit every time.
  @RepeatedTest(10)
  void eightReplicasAskingAtOnceLoadOnce() {
    AtomicInteger loads = new AtomicInteger();
    List<RedisSharedCache> fleet = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      fleet.add(replica());
    }

    List<String> values =
        Flux.range(0, 8 * 50)
            .flatMap(
                call ->
                    fleet
                        .get(call % 8)
                        .get("bearer-login:x", counting(loads, TOKEN))
                        .subscribeOn(Schedulers.parallel()),
                400)
            .collectList()
            .block(Duration.ofSeconds(30));

    assertThat(values).hasSize(400).containsOnly(TOKEN);
    assertThat(fleet).allSatisfy(cache -> assertThat(cache.fallbacks()).isZero());
    assertThat(loads).hasValue(1);
    assertThat(fleet).allSatisfy(cache -> assertThat(cache.isSharing()).isTrue());
  }

  @Test
  void whoeverReadsRedisReadsNoSecretAndTheTimeToLiveIsTheExpiry() {
    RedisSharedCache cache = replica();
    Instant expiry = Instant.now().plusSeconds(120);
    cache.get("bearer-login:x", Mono.just(SharedValue.expiring(TOKEN, expiry))).block();

    String stored = redis.command("GET openconnectors:{bearer-login:x}");
    assertThat(stored).isNotBlank().doesNotContain(TOKEN).doesNotContain("fleet-bearer");
    long ttl = Long.parseLong(redis.command("PTTL openconnectors:{bearer-login:x}").substring(1));
    assertThat(ttl).isBetween(100_000L, 120_000L);
    assertThat(cache.toString()).doesNotContain(KEY).doesNotContain(TOKEN);
  }

  @Test
  void aValueSealedWithAnotherKeyIsLoadedAgain() {
    replica().get("k", Mono.just(SharedValue.untilRefused("old"))).block();
    RedisSharedCache other = RedisSharedCache.builder(redis.url(), RedisTests.key()).build();
    caches.add(other);

    assertThat(other.get("k", Mono.just(SharedValue.untilRefused("new"))).block()).isEqualTo("new");
  }

  @Test
  void aLateRefusalKeepsTheNewerValue() {
    RedisSharedCache first = replica();
    RedisSharedCache second = replica();
    first.get("k", Mono.just(SharedValue.untilRefused("token-1"))).block();

    // The first replica's refusal of token-1 drops it; the second then stores token-2.
    first.invalidate("k", "token-1").block();
    assertThat(second.get("k", Mono.just(SharedValue.untilRefused("token-2"))).block())
        .isEqualTo("token-2");
    // A late refusal of token-1 (a request that was still in flight) leaves token-2.
    second.invalidate("k", "token-1").block();

    AtomicInteger loads = new AtomicInteger();
    assertThat(first.get("k", counting(loads, "token-3")).block()).isEqualTo("token-2");
    assertThat(loads).hasValue(0);
  }

  @Test
  void aReplicaThatDiedHoldingTheLockLosesItWhenTheLeaseEnds() {
    // A replica took the lock and died: only its lease ends it.
    redis.command("SET openconnectors:{k}:lock dead-replica PX 1000");
    AtomicInteger loads = new AtomicInteger();
    long started = System.nanoTime();

    assertThat(replica().get("k", counting(loads, TOKEN)).block(Duration.ofSeconds(10)))
        .isEqualTo(TOKEN);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(800));
    assertThat(loads).hasValue(1);
    assertThat(redis.command("EXISTS openconnectors:{k}:lock")).isEqualTo(":0");
  }

  @Test
  void aFailedLoadReleasesTheLockAndReachesTheCaller() {
    RedisSharedCache cache = replica();
    Mono<SharedValue> failing = Mono.error(new IllegalStateException("log-in refused"));

    assertThatThrownBy(() -> cache.get("k", failing).block())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("log-in refused");
    assertThat(redis.command("EXISTS openconnectors:{k}:lock")).isEqualTo(":0");
    // Not Redis's failure: sharing goes on.
    assertThat(cache.isSharing()).isTrue();
    assertThat(cache.fallbacks()).isZero();
  }

  @Test
  void sharedCredentialsThisReplicaCannotReadAreReadFromTheSourceInstead() {
    RedisSharedCache cache = replica();
    // Another version of the application stored something else under the same name.
    cache.get("vault", Mono.just(SharedValue.untilRefused("not credentials"))).block();
    Credentials fromVault =
        Credentials.platform(UserSecret.of("user-secret"), OrganizationSecret.of("org-secret"));
    AtomicInteger reads = new AtomicInteger();

    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(
                Mono.fromCallable(
                    () -> {
                      reads.incrementAndGet();
                      return fromVault;
                    }))
            .shared(cache, "vault")
            .build();

    assertThat(provider.credentials().block(Duration.ofSeconds(5))).isEqualTo(fromVault);
    assertThat(reads).hasValue(1);
  }

  @Test
  void aClosedCacheLoadsAloneAndTouchesRedisNoMore() {
    RedisSharedCache cache = replica();
    cache.close();

    assertThat(cache.get("k", Mono.just(SharedValue.untilRefused("alone"))).block())
        .isEqualTo("alone");
    assertThat(redis.command("EXISTS openconnectors:{k}")).isEqualTo(":0");
    assertThat(cache.fallbacks()).isZero();
  }

  @Test
  void aSourceWithNothingToGiveReleasesTheLock() {
    RedisSharedCache cache = replica();

    assertThat(cache.get("k", Mono.empty()).blockOptional(Duration.ofSeconds(5))).isEmpty();
    assertThat(redis.command("EXISTS openconnectors:{k}:lock")).isEqualTo(":0");
  }

  @Test
  void withRedisDownEachReplicaLoadsItselfAndSharingResumesWhenItReturns() {
    RedisSharedCache cache = replica();
    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.get("k", counting(loads, "before")).block()).isEqualTo("before");

    redis.stop();
    assertThat(cache.get("other", counting(loads, "alone")).block(Duration.ofSeconds(5)))
        .isEqualTo("alone");
    assertThat(cache.isSharing()).isFalse();
    assertThat(cache.fallbacks()).isPositive();
    cache.invalidate("k", "before").block(Duration.ofSeconds(5)); // never fails

    redis.restart();
    // Calls go on until one of them finds Redis again: it is tried again a second after failing.
    Boolean resumed =
        Flux.interval(Duration.ofMillis(200))
            // Ticks that come while a round is still out are skipped, not an overflow.
            .onBackpressureDrop()
            .concatMap(tick -> cache.get("again", counting(loads, "again")))
            .filter(value -> cache.isSharing())
            .next()
            .map(value -> true)
            .block(Duration.ofSeconds(15));
    assertThat(resumed).isTrue();
    assertThat(cache.isSharing()).isTrue();
    // Shared again: the value it stored is in the restarted Redis.
    assertThat(redis.command("EXISTS openconnectors:{again}")).isEqualTo(":1");
  }
}
