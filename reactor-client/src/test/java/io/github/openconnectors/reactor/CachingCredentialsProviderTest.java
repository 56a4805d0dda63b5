package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

@Timeout(20)
class CachingCredentialsProviderTest {

  static final Duration REFRESH_TAKES = Duration.ofSeconds(2);

  /** A source whose n-th refresh takes two seconds and yields credentials numbered n. */
  static final class CountingSource {
    final AtomicInteger refreshes = new AtomicInteger();
    volatile boolean failing;

    Mono<Credentials> mono() {
      return Mono.defer(
          () -> {
            int n = refreshes.incrementAndGet();
            return Mono.delay(REFRESH_TAKES)
                .then(
                    failing
                        ? Mono.error(new IllegalStateException("vault unavailable"))
                        : Mono.just(numbered(n)));
          });
    }
  }

  /** A cache over the source whose credentials expire {@code life} after each refresh ends. */
  static CachingCredentialsProvider.Builder livingFor(CountingSource source, Duration life) {
    return CachingCredentialsProvider.builder(source.mono())
        .expiry(
            c ->
                Optional.of(
                    Instant.ofEpochMilli(Schedulers.parallel().now(TimeUnit.MILLISECONDS))
                        .plus(life)));
  }

  static Credentials numbered(int n) {
    return Credentials.platform(UserSecret.of("user-" + n), OrganizationSecret.of("org"));
  }

  @Test
  void aThousandConcurrentCallersCauseOneRefreshAndAllGetItsResult() {
    CountingSource source = new CountingSource();

    StepVerifier.withVirtualTime(
            () -> {
              CachingCredentialsProvider provider =
                  CachingCredentialsProvider.builder(source.mono()).build();
              return Flux.range(0, 1000).flatMap(i -> provider.credentials(), 1000).collectList();
            })
        .thenAwait(REFRESH_TAKES)
        .assertNext(all -> assertThat(all).hasSize(1000).containsOnly(numbered(1)))
        .verifyComplete();
    assertThat(source.refreshes).hasValue(1);
  }

  @Test
  void theWholeFlowInVirtualTime() {
    CountingSource source = new CountingSource();

    StepVerifier.withVirtualTime(
            () -> {
              CachingCredentialsProvider provider =
                  livingFor(source, Duration.ofMinutes(10))
                      .prefetch(Duration.ofMinutes(5))
                      .stale(Duration.ofMinutes(1))
                      .backgroundRetryInterval(Duration.ofSeconds(30))
                      .build();
              return Flux.concat(
                  // t=0: nothing cached, wait for refresh 1 (2 s): expires at 10:02.
                  provider.credentials(),
                  // t=6:00, in the prefetch window: the cached ones at once, a refresh starts.
                  Mono.delay(Duration.ofSeconds(358)).then(provider.credentials()),
                  // t=6:01: refresh 2 is still running, the cached ones still come at once.
                  Mono.delay(Duration.ofSeconds(1)).then(provider.credentials()),
                  // t=6:03: refresh 2 is done.
                  Mono.delay(Duration.ofSeconds(2)).then(provider.credentials()));
            })
        .thenAwait(REFRESH_TAKES)
        .expectNext(numbered(1))
        .thenAwait(Duration.ofSeconds(358))
        .expectNext(numbered(1))
        .thenAwait(Duration.ofSeconds(1))
        .expectNext(numbered(1))
        .thenAwait(Duration.ofSeconds(2))
        .expectNext(numbered(2))
        .verifyComplete();
    assertThat(source.refreshes).hasValue(2);
  }

  @Test
  void shortLivedCredentialsAreNotRefreshedOnEveryCall() {
    CountingSource source = new CountingSource();

    StepVerifier.withVirtualTime(
            () -> {
              // Two minutes of life, shorter than the five-minute prefetch window.
              CachingCredentialsProvider provider =
                  livingFor(source, Duration.ofMinutes(2)).build();
              return Flux.interval(Duration.ofSeconds(10))
                  .take(5)
                  .concatMap(tick -> provider.credentials());
            })
        .thenAwait(Duration.ofSeconds(10).plus(REFRESH_TAKES))
        .thenAwait(Duration.ofSeconds(40))
        .expectNextCount(5)
        .verifyComplete();
    assertThat(source.refreshes).as("no refresh before half the lifetime").hasValue(1);
  }

  @Test
  void credentialsLivingNoLongerThanTheStaleTimeAreUsedForThreeQuartersOfTheirLife() {
    CountingSource source = new CountingSource();

    StepVerifier.withVirtualTime(
            () -> {
              // One minute of life, as long as the default stale time of one minute.
              CachingCredentialsProvider provider =
                  livingFor(source, Duration.ofMinutes(1)).build();
              return Flux.interval(Duration.ofSeconds(5))
                  .take(6)
                  .concatMap(tick -> provider.credentials());
            })
        .thenAwait(Duration.ofSeconds(5).plus(REFRESH_TAKES))
        .thenAwait(Duration.ofSeconds(25))
        .expectNext(numbered(1), numbered(1), numbered(1), numbered(1), numbered(1), numbered(1))
        .verifyComplete();
    assertThat(source.refreshes).as("fetched once, not on every call").hasValue(1);
  }

  @Test
  void aFailingBackgroundRefreshDoesNotFailCallersAndIsRetriedNoMoreOftenThanTheInterval() {
    CountingSource source = new CountingSource();

    StepVerifier.withVirtualTime(
            () -> {
              CachingCredentialsProvider provider =
                  CachingCredentialsProvider.builder(source.mono())
                      .expiry(c -> Optional.of(Instant.EPOCH.plus(Duration.ofMinutes(10))))
                      .backgroundRetryInterval(Duration.ofSeconds(30))
                      .build();
              Mono<Credentials> failNext = Mono.fromRunnable(() -> source.failing = true);
              Flux<Credentials> everyTenSeconds =
                  Flux.interval(Duration.ofSeconds(10))
                      .take(12)
                      .concatMap(tick -> provider.credentials());
              return Flux.concat(
                  provider.credentials(),
                  failNext
                      .then(Mono.delay(Duration.ofSeconds(358)))
                      .then(Mono.<Credentials>empty()),
                  everyTenSeconds);
            })
        .thenAwait(REFRESH_TAKES)
        .expectNext(numbered(1))
        .thenAwait(Duration.ofSeconds(358 + 120))
        .expectNextCount(12)
        .verifyComplete();
    // Calls every 10 s from 6:10 to 8:00; background refreshes fail at 6:12, 6:52 and 7:32:
    // with a 30 s interval only the calls at 6:10, 6:50 and 7:30 start one.
    assertThat(source.refreshes.get() - 1).isEqualTo(3);
  }

  @Test
  void pastTheStalePointCallersWaitForExactlyOneRefresh() {
    CountingSource source = new CountingSource();

    StepVerifier.withVirtualTime(
            () -> {
              CachingCredentialsProvider provider =
                  CachingCredentialsProvider.builder(source.mono())
                      .expiry(c -> Optional.of(Instant.EPOCH.plus(Duration.ofMinutes(10))))
                      .build();
              return provider
                  .credentials()
                  .then(Mono.delay(Duration.ofMinutes(9).plusSeconds(30)))
                  .thenMany(Flux.range(0, 50).flatMap(i -> provider.credentials()))
                  .collectList();
            })
        .thenAwait(REFRESH_TAKES)
        .thenAwait(Duration.ofMinutes(9).plusSeconds(30))
        .expectNoEvent(REFRESH_TAKES.minusMillis(1))
        .thenAwait(Duration.ofMillis(1))
        .assertNext(all -> assertThat(all).hasSize(50).containsOnly(numbered(2)))
        .verifyComplete();
    assertThat(source.refreshes).hasValue(2);
  }

  @Test
  void aFailedRefreshReachesItsCallersAndTheNextCallTriesAgain() {
    CountingSource source = new CountingSource();
    source.failing = true;

    StepVerifier.withVirtualTime(
            () -> {
              CachingCredentialsProvider provider =
                  CachingCredentialsProvider.builder(source.mono()).build();
              return Flux.concat(
                  provider.credentials().onErrorResume(e -> Mono.just(numbered(-1))),
                  Mono.fromRunnable(() -> source.failing = false).then(provider.credentials()));
            })
        .thenAwait(REFRESH_TAKES)
        .expectNext(numbered(-1))
        .thenAwait(REFRESH_TAKES)
        .expectNext(numbered(2))
        .verifyComplete();
    assertThat(source.refreshes).hasValue(2);
  }

  @Test
  void cancellingTheCallerThatStartedARefreshLeavesItRunningForTheOthers() {
    CountingSource source = new CountingSource();
    CachingCredentialsProvider[] provider = new CachingCredentialsProvider[1];

    StepVerifier.withVirtualTime(
            () -> {
              provider[0] = CachingCredentialsProvider.builder(source.mono()).build();
              return Flux.concat(
                  // The leader gives up after 1 s, while the refresh it started takes 2 s.
                  provider[0].credentials().take(Duration.ofSeconds(1)), provider[0].credentials());
            })
        .thenAwait(Duration.ofSeconds(1))
        .expectNoEvent(Duration.ofMillis(999))
        .thenAwait(Duration.ofMillis(1))
        .expectNext(numbered(1))
        .verifyComplete();
    assertThat(source.refreshes).hasValue(1);
    assertThat(provider[0])
        .hasToString("CachingCredentialsProvider[cached=true, refreshing=false]");
  }

  @Test
  void aRefreshThatBringsBackCredentialsRefusedWhileItRanReadsTheSourceOnceMore() {
    // The source was read just before the secret rotated; a request refused with the old secret
    // invalidates it while that read is still on its way.
    Sinks.One<Credentials> readBeforeTheRotation = Sinks.one();
    AtomicInteger reads = new AtomicInteger();
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(
                Mono.defer(
                    () ->
                        reads.incrementAndGet() == 1
                            ? readBeforeTheRotation.asMono()
                            : Mono.just(numbered(2))))
            .build();

    StepVerifier.create(provider.credentials())
        .then(
            () -> {
              provider.invalidate(numbered(1));
              readBeforeTheRotation.tryEmitValue(numbered(1));
            })
        .expectNext(numbered(2))
        .verifyComplete();
    assertThat(reads).hasValue(2);
  }

  @Test
  void aSourceWithNothingNewerGivesTheRefusedCredentialsAgainAfterOneRead() {
    AtomicInteger reads = new AtomicInteger();
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(
                Mono.fromSupplier(
                    () -> {
                      reads.incrementAndGet();
                      return numbered(1);
                    }))
            .build();
    StepVerifier.create(provider.credentials()).expectNext(numbered(1)).verifyComplete();

    provider.invalidate(numbered(1));

    StepVerifier.create(provider.credentials()).expectNext(numbered(1)).verifyComplete();
    assertThat(reads).as("refused before the refresh began: read once, not twice").hasValue(2);
  }

  @Test
  void invalidationDropsOnlyTheCredentialsThatWereRefused() {
    AtomicInteger refreshes = new AtomicInteger();
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(
                Mono.fromSupplier(() -> numbered(refreshes.incrementAndGet())))
            .build();

    StepVerifier.create(provider.credentials()).expectNext(numbered(1)).verifyComplete();
    provider.invalidate(numbered(7));
    StepVerifier.create(provider.credentials()).expectNext(numbered(1)).verifyComplete();
    provider.invalidate(numbered(1));
    StepVerifier.create(provider.credentials()).expectNext(numbered(2)).verifyComplete();
    provider.invalidate(numbered(1));
    StepVerifier.create(provider.credentials())
        .as("a late 401 on replaced credentials")
        .expectNext(numbered(2))
        .verifyComplete();
    assertThat(refreshes).hasValue(2);
  }

  @Test
  void aCallerThatFindsARefreshFinishedSinceItLookedTakesItsValueInsteadOfStartingAnother() {
    AtomicInteger reads = new AtomicInteger();
    Mono<Credentials> source = Mono.fromSupplier(() -> numbered(reads.incrementAndGet()));
    HookedClock clock = new HookedClock();
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(source).clock(clock).build();
    AtomicReference<Credentials> otherCallerGot = new AtomicReference<>();
    // This caller reads the clock after it has found nothing cached: another caller's whole
    // refresh runs then, before this one decides.
    clock.once(() -> provider.credentials().subscribe(otherCallerGot::set));

    StepVerifier.create(provider.credentials()).expectNext(numbered(1)).verifyComplete();

    assertThat(otherCallerGot).hasValue(numbered(1));
    assertThat(reads).as("one read of the source for both callers").hasValue(1);
  }

  @Test
  void callersOnManyThreadsRefusingTheSameCredentialsCauseOneRefreshEachTime() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Mono<Credentials> source = Mono.fromSupplier(() -> numbered(reads.incrementAndGet()));
    CachingCredentialsProvider provider = CachingCredentialsProvider.builder(source).build();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 1; round <= 500; round++) {
        Credentials refused = provider.credentials().block();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Credentials>> answers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    provider.invalidate(Objects.requireNonNull(refused));
                    return provider.credentials().block();
                  }));
        }
        for (Future<Credentials> answer : answers) {
          assertThat(answer.get(10, TimeUnit.SECONDS))
              .as("credentials after round %d", round)
              .isEqualTo(numbered(round + 1));
        }
        assertThat(reads).as("reads of the source after round %d", round).hasValue(round + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reactor's immediate scheduler, whose clock runs a task once before it is next read. */
  static final class HookedClock implements Scheduler {
    private final AtomicReference<@Nullable Runnable> hook = new AtomicReference<>();

    void once(Runnable task) {
      hook.set(task);
    }

    @Override
    public long now(TimeUnit unit) {
      Runnable task = hook.getAndSet(null);
      if (task != null) {
        task.run();
      }
      return Schedulers.parallel().now(unit);
    }

    @Override
    public Disposable schedule(Runnable task) {
      return Schedulers.immediate().schedule(task);
    }

    @Override
    public Worker createWorker() {
      return Schedulers.immediate().createWorker();
    }
  }

  @Test
  void anEmptySourceIsAnError() {
    StepVerifier.create(CachingCredentialsProvider.builder(Mono.empty()).build().credentials())
        .expectErrorMessage("the credentials source completed without credentials")
        .verify();
  }

  @Test
  void readsTheExpiryOfAJwtBearerToken() {
    String claims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"sub\":\"a\",\"exp\":1767225600}".getBytes(StandardCharsets.UTF_8));
    BearerToken jwt = BearerToken.of("eyJhbGciOiJIUzI1NiJ9." + claims + ".c2ln");

    assertThat(Jwt.expiry(Credentials.bearer(jwt))).contains(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(Jwt.expiry(Credentials.bearer(BearerToken.of("opaque-token")))).isEmpty();
    assertThat(Jwt.expiry(Credentials.bearer(BearerToken.of("a.!!!.c")))).isEmpty();
    assertThat(Jwt.expiry(numbered(1))).isEmpty();
  }

  @Test
  void refusesAStalePointBeforeThePrefetchWindow() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                CachingCredentialsProvider.builder(Mono.empty())
                    .prefetch(Duration.ofMinutes(1))
                    .stale(Duration.ofMinutes(2))
                    .build())
        .withMessage("stale (PT2M) must not exceed prefetch (PT1M)");
  }
}
