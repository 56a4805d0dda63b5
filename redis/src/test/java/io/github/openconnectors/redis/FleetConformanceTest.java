package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
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
    Long done =
        Flux.fromIterable(clients)
            .flatMap(
                client ->
                    Flux.range(0, CALLS)
                        .flatMap(
                            call -> client.instance(id).subscribeOn(Schedulers.parallel()), CALLS),
                REPLICAS)
            .count()
            .block(Duration.ofSeconds(60));
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
