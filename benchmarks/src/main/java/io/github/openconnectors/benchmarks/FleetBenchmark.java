package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RequestCounts;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.redis.RedisSharedCache;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 8. A fleet of replicas, each its own client, against one service: what an event costs the service
 * and the callers, each replica alone and sharing through Redis ({@code openconnectors-redis}).
 */
final class FleetBenchmark {

  private static final int[] FLEETS = {1, 8, 32};
  private static final int CALLS = 50;
  private static final Duration BETWEEN_CALLS = Duration.ofMillis(20);

  private FleetBenchmark() {}

  static void run(Settings settings, PrintStream out) throws Exception {
    out.printf("%n## 8. A fleet of replicas: one event, each replica alone or sharing%n%n");
    Optional<Path> server = LocalRedis.installed();
    if (server.isEmpty()) {
      out.println("Skipped: redis-server is not on the PATH (apt-get install redis-server).");
      return;
    }
    out.printf(
        "Each replica is its own client with a bearer log-in. **Expiry**: every bearer token"
            + " expires, then each replica makes %d concurrent `instance(id)` calls. **429**:"
            + " each replica makes %d calls, one every %d ms, the replicas out of step; 200 ms"
            + " in, the provider refuses every request for 500 ms with `Retry-After: 1`. Medians over %d rounds after %d"
            + " warm-up; p50 and p99 of every call of a round.%n%n",
        CALLS, CALLS, BETWEEN_CALLS.toMillis(), settings.rounds(), settings.warmups());
    out.println(
        "| replicas | through Redis | log-ins | 401s | p50, expiry | p99, expiry | 429s | p99, 429 |"
            + " Redis commands per call, steady | per call, expiry |");
    out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    try (LocalRedis redis = LocalRedis.start(server.get());
        OpenConnectorsEmulator service = OpenConnectorsEmulator.builder().instances(10).start()) {
      String key = key();
      for (int replicas : FLEETS) {
        for (boolean shared : new boolean[] {false, true}) {
          out.println(row(settings, service, redis, key, replicas, shared));
        }
      }
    }
  }

  private static String row(
      Settings settings,
      OpenConnectorsEmulator service,
      LocalRedis redis,
      String key,
      int replicas,
      boolean shared)
      throws Exception {
    List<AutoCloseable> closing = new ArrayList<>();
    List<OpenConnectorsClient> fleet = new ArrayList<>();
    try {
      for (int i = 0; i < replicas; i++) {
        OpenConnectorsClient.Builder builder =
            OpenConnectorsClient.builder()
                .baseUrl(service.baseUrl())
                .bearerLogin(
                    OpenConnectorsEmulator.DEFAULT_USERNAME,
                    OpenConnectorsEmulator.DEFAULT_PASSWORD);
        if (shared) {
          RedisSharedCache cache = RedisSharedCache.builder(redis.url(), key).build();
          closing.add(cache);
          builder.sharedCache(cache).rateBudget(cache.rateBudget());
        }
        OpenConnectorsClient client = builder.build();
        closing.add(client);
        fleet.add(client);
      }
      long id = service.firstGeneratedId();
      // Warm: logged in, connected, code compiled.
      timed(fleet, id, false);
      List<Double> redisSteady = new ArrayList<>();

      List<Double> logIns = new ArrayList<>();
      List<Double> unauthorized = new ArrayList<>();
      List<Double> expiryP50 = new ArrayList<>();
      List<Double> expiryP99 = new ArrayList<>();
      List<Double> refused = new ArrayList<>();
      List<Double> refusalP99 = new ArrayList<>();
      List<Double> redisPerCall = new ArrayList<>();
      for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
        long steadyBefore = redis.commandsProcessed();
        timed(fleet, id, false);
        long steadyAfter = redis.commandsProcessed();
        service.expireBearerTokens();
        service.clearJournal();
        long redisBefore = redis.commandsProcessed();
        long[] expiry = timed(fleet, id, false);
        RequestCounts afterExpiry = service.counts();
        long redisAfterExpiry = redis.commandsProcessed();

        service.clearJournal();
        Mono.delay(Duration.ofMillis(200))
            .subscribe(
                tick ->
                    service.inject(
                        Fault.tooManyRequests("1")
                            .onPath("/instances/.*")
                            .during(Duration.ofMillis(500))));
        long[] paced = timed(fleet, id, true);
        RequestCounts afterRefusal = service.counts();
        service.clearFaults();
        if (round >= settings.warmups()) {
          logIns.add((double) afterExpiry.logIns());
          unauthorized.add((double) afterExpiry.unauthorized());
          expiryP50.add((double) Stats.percentile(expiry, 50));
          expiryP99.add((double) Stats.percentile(expiry, 99));
          refused.add((double) afterRefusal.rateLimited());
          refusalP99.add((double) Stats.percentile(paced, 99));
          redisPerCall.add((double) (redisAfterExpiry - redisBefore) / (replicas * CALLS));
          redisSteady.add((double) (steadyAfter - steadyBefore) / (replicas * CALLS));
        }
      }
      return String.format(
          "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
          replicas,
          shared ? "yes" : "no",
          Stats.count(Stats.median(logIns)),
          Stats.count(Stats.median(unauthorized)),
          Stats.millis(Stats.median(expiryP50)),
          Stats.millis(Stats.median(expiryP99)),
          Stats.count(Stats.median(refused)),
          Stats.millis(Stats.median(refusalP99)),
          shared ? String.format(Locale.ROOT, "%.1f", Stats.median(redisSteady)) : "-",
          shared ? String.format(Locale.ROOT, "%.1f", Stats.median(redisPerCall)) : "-");
    } finally {
      for (int i = closing.size() - 1; i >= 0; i--) {
        closing.get(i).close();
      }
    }
  }

  /**
   * Every replica's calls at once, all of them together ({@code paced} false) or one every {@link
   * #BETWEEN_CALLS}; the latency of each, in nanoseconds.
   */
  private static long[] timed(List<OpenConnectorsClient> fleet, long id, boolean paced) {
    long[] latencies = new long[fleet.size() * CALLS];
    AtomicInteger slot = new AtomicInteger();
    Flux.range(0, fleet.size())
        .flatMap(
            replica -> {
              OpenConnectorsClient client = fleet.get(replica);
              // Paced replicas out of step with each other, as a fleet's are: replica i starts
              // i/n of an interval after the first.
              Duration phase = Duration.ofNanos(BETWEEN_CALLS.toNanos() * replica / fleet.size());
              Flux<Long> ticks =
                  paced
                      ? Flux.interval(phase, BETWEEN_CALLS).take(CALLS)
                      : Flux.range(0, CALLS).map(Long::valueOf);
              return ticks.flatMap(
                  tick ->
                      Mono.defer(
                          () -> {
                            long sent = System.nanoTime();
                            return client
                                .instance(id)
                                .doOnNext(
                                    answer ->
                                        latencies[slot.getAndIncrement()] =
                                            System.nanoTime() - sent);
                          }));
            },
            fleet.size())
        .blockLast(Duration.ofMinutes(2));
    return latencies;
  }

  private static String key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
