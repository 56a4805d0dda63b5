package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.fleet.RequestRate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Eight replicas of one application, each with its own client and caches, against one service and
 * one Redis: what the fleet costs the service when credentials must be fetched again.
 */
class FleetConformanceTest {

  static final int REPLICAS = 8;
  static final int CALLS = 500;
  static final String USERNAME = "fleet@example.com";
  static final String PASSWORD = "fleet password";

  RedisServer redis;
  OpenConnectorsEmulator service;
  long id;
  final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void start() {
    redis = RedisTests.redis();
    service = OpenConnectorsEmulator.builder().instances(3).account(USERNAME, PASSWORD).start();
    id = service.firstGeneratedId();
  }

  @AfterEach
  void stop() throws Exception {
    // The clients before the caches they use: the reverse of the order they were made in.
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    if (service != null) {
      service.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  /** The fleet: one client per replica, each made by {@code replica} with its own shared cache. */
  List<OpenConnectorsClient> fleet(
      Function<OpenConnectorsClient.Builder, OpenConnectorsClient.Builder> replica) {
    List<OpenConnectorsClient> clients = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      OpenConnectorsClient client =
          replica.apply(OpenConnectorsClient.builder().baseUrl(service.baseUrl())).build();
      closing.add(client);
      clients.add(client);
    }
    return clients;
  }

  final List<RedisSharedCache> caches = new ArrayList<>();

  RedisSharedCache sharedCache() {
    RedisSharedCache cache = RedisTests.cache(redis);
    closing.add(cache);
    caches.add(cache);
    return cache;
  }

  /** Redis never failed: the counts are the sharing's, not a fallback's. */
  void sharedThroughout() {
    assertThat(caches).allSatisfy(cache -> assertThat(cache.fallbacks()).isZero());
  }

  /** Every replica's calls at once, from several threads; all of them must succeed. */
  void callEverywhere(List<OpenConnectorsClient> clients) {
    callEverywhere(clients, done -> {});
  }

  /** As {@link #callEverywhere(List)}, telling {@code progress} how many calls have succeeded. */
  void callEverywhere(List<OpenConnectorsClient> clients, LongConsumer progress) {
    AtomicLong succeeded = new AtomicLong();
    Long done =
        Flux.fromIterable(clients)
            .flatMap(
                client ->
                    Flux.range(0, CALLS)
                        .flatMap(
                            call -> client.instance(id).subscribeOn(Schedulers.parallel()), CALLS),
                REPLICAS)
            .doOnNext(instance -> progress.accept(succeeded.incrementAndGet()))
            .count()
            .block(Duration.ofSeconds(90));
    assertThat(done).isEqualTo((long) REPLICAS * CALLS);
  }

  @Test
  void anExpiredBearerTokenIsReplacedByOneLogInForTheWholeFleet() {
    List<OpenConnectorsClient> clients =
        fleet(b -> b.bearerLogin(USERNAME, PASSWORD).sharedCache(sharedCache()));
    callEverywhere(clients);
    sharedThroughout();
    assertThat(service.counts().logIns()).as("the fleet's first log-in").isEqualTo(1);

    service.expireBearerTokens();
    service.clearJournal();
    callEverywhere(clients);

    sharedThroughout();
    assertThat(service.counts().logIns()).as("log-ins after the expiry").isEqualTo(1);
  }

  @Test
  void a429PausesEveryReplicaForItsRetryAfterAndRefusesEachAtMostOnce() {
    // What each replica sent, and when; the 429s each met.
    Queue<long[]> sent = new ConcurrentLinkedQueue<>();
    AtomicIntegerArray refused = new AtomicIntegerArray(REPLICAS);
    AtomicLong firstRefusal = new AtomicLong();
    AtomicInteger replicas = new AtomicInteger();
    List<OpenConnectorsClient> clients =
        fleet(
            b -> {
              int replica = replicas.getAndIncrement();
              RedisSharedCache cache = sharedCache();
              return b.credentials(service.platformCredentials())
                  .rateBudget(cache.rateBudget())
                  // The fleet's pace, below what this machine serves under the tests'
                  // instrumentation: a request queued in the service when its limit is met is
                  // refused however well the fleet paces what it sends.
                  .rateLimit(RequestRate.of(150, Duration.ofSeconds(1)))
                  .httpClient(
                      http ->
                          http.doOnRequest(
                                  (request, connection) ->
                                      sent.add(new long[] {replica, System.nanoTime()}))
                              .doOnResponse(
                                  (response, connection) -> {
                                    if (response.status().code() == 429) {
                                      firstRefusal.compareAndSet(0, System.nanoTime());
                                      refused.incrementAndGet(replica);
                                    }
                                  }));
            });

    // Warmed up as a replica that served a while is: its paths for a 429 included, or their first
    // run (classes loaded, code compiled) would stall the replica in the measured second.
    service.inject(Fault.tooManyRequests("0").onPath("/instances/.*").times(4 * REPLICAS));
    Flux.fromIterable(clients)
        .flatMap(client -> Flux.range(0, 20).flatMap(call -> client.instance(id)))
        .blockLast(Duration.ofSeconds(60));
    sent.clear();
    firstRefusal.set(0);
    for (int replica = 0; replica < REPLICAS; replica++) {
      refused.set(replica, 0);
    }

    // A second into the run the provider's limit is met: it refuses everything for 2 s.
    callEverywhere(
        clients,
        done -> {
          if (done == 400) {
            service.inject(
                Fault.tooManyRequests("2").onPath("/instances/.*").during(Duration.ofSeconds(2)));
          }
        });

    sharedThroughout();
    assertThat(firstRefusal).as("the provider refused").doesNotHaveValue(0L);
    for (int replica = 0; replica < REPLICAS; replica++) {
      assertThat(refused.get(replica)).as("429s met by replica %d", replica).isLessThanOrEqualTo(1);
    }
    // From the first 429 on, for the 2 s it asked for: only the requests already on their way
    // when it came, at most one per replica, the ones refused.
    long from = firstRefusal.get();
    long until = from + Duration.ofMillis(1990).toNanos();
    int[] sentInPause = new int[REPLICAS];
    for (long[] request : sent) {
      if (request[1] >= from && request[1] < until) {
        sentInPause[(int) request[0]]++;
      }
    }
    for (int replica = 0; replica < REPLICAS; replica++) {
      assertThat(sentInPause[replica])
          .as("requests replica %d sent in the pause", replica)
          .isLessThanOrEqualTo(1);
    }
    assertThat(sent).hasSizeGreaterThan(REPLICAS * CALLS);
  }

  @Test
  void redisStoppedMidRunFailsNoRequestAndSharingResumesWhenItIsBack() throws Exception {
    List<OpenConnectorsClient> clients =
        fleet(
            b -> {
              RedisSharedCache cache = sharedCache();
              return b.bearerLogin(USERNAME, PASSWORD)
                  .sharedCache(cache)
                  .rateBudget(cache.rateBudget())
                  .rateLimit(RequestRate.of(1000, Duration.ofSeconds(1)));
            });
    // Stopping and starting a process blocks: not on a Reactor thread.
    ExecutorService operator = Executors.newSingleThreadExecutor();
    try {
      List<Future<?>> outage = new ArrayList<>();
      callEverywhere(
          clients,
          done -> {
            if (done == 500) {
              outage.add(
                  operator.submit(
                      () -> {
                        redis.stop();
                        // The token expires while Redis is away: each replica logs in alone.
                        service.expireBearerTokens();
                      }));
            } else if (done == 1500) {
              outage.add(operator.submit(redis::restart));
            }
          });
      for (Future<?> step : outage) {
        step.get(30, TimeUnit.SECONDS);
      }
    } finally {
      operator.shutdown();
    }
    assertThat(caches).allSatisfy(cache -> assertThat(cache.fallbacks()).isPositive());
    assertThat(service.counts().logIns()).isBetween(2L, 1L + REPLICAS);

    // Back: the replicas share again, and an expiry costs the fleet one log-in again.
    service.expireBearerTokens();
    // Each replica finds Redis again at its next command once Lettuce has reconnected.
    Flux.interval(Duration.ofMillis(100))
        // Ticks that come while a round is still out are skipped, not an overflow.
        .onBackpressureDrop()
        .concatMap(
            tick ->
                Flux.fromIterable(caches)
                    .flatMap(cache -> cache.rateBudget().acquire("probe", null))
                    .then(Mono.just(tick)))
        .filter(tick -> caches.stream().allMatch(RedisSharedCache::isSharing))
        .next()
        .block(Duration.ofSeconds(20));
    service.clearJournal();
    callEverywhere(clients);
    assertThat(caches).allSatisfy(cache -> assertThat(cache.isSharing()).isTrue());
    assertThat(service.counts().logIns()).as("log-ins once Redis is back").isEqualTo(1);
  }

  @Test
  void withoutTheSharedCacheEachReplicaLogsInItself() {
    List<OpenConnectorsClient> clients = fleet(b -> b.bearerLogin(USERNAME, PASSWORD));
    callEverywhere(clients);
    service.expireBearerTokens();
    service.clearJournal();
    callEverywhere(clients);

    assertThat(service.counts().logIns()).isEqualTo(REPLICAS);
  }

  @Test
  void aRotatedSecretIsReadFromTheSourceOnceForTheWholeFleet() {
    AtomicReference<Credentials> vault = new AtomicReference<>(service.platformCredentials());
    AtomicInteger reads = new AtomicInteger();
    Mono<Credentials> source =
        Mono.fromCallable(
            () -> {
              reads.incrementAndGet();
              return vault.get();
            });
    List<OpenConnectorsClient> clients =
        fleet(
            b ->
                b.credentialsProvider(
                    CachingCredentialsProvider.builder(source)
                        .shared(sharedCache(), "vault")
                        .build()));
    callEverywhere(clients);
    sharedThroughout();
    assertThat(reads).as("the fleet's first read").hasValue(1);

    UserSecret rotated = service.rotateUserSecret();
    vault.set(vault.get().withUserSecret(rotated));
    reads.set(0);
    service.clearJournal();
    callEverywhere(clients);

    sharedThroughout();
    assertThat(reads).as("reads after the rotation").hasValue(1);
  }
}
