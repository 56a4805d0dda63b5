package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * 6. Lookups: {@code instance(id)} through each contender side by side, and this client's pool
 * against 256 calls in flight.
 */
final class LookupBenchmark {

  static final int IN_FLIGHT = 256;

  /** Calls in flight for the side-by-side table: as many as the default pool has connections. */
  static final int SIDE_BY_SIDE_IN_FLIGHT = 50;

  private LookupBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    int calls = settings.lookups();
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(calls).start();
        ReplayServer replay =
            ReplayServer.record(
                emulator,
                LongStream.range(0, calls)
                    .map(i -> emulator.firstGeneratedId() + i)
                    .boxed()
                    .toList())) {
      sideBySide(settings, out, replay, emulator.firstGeneratedId(), calls);
      pools(settings, out, replay, emulator.firstGeneratedId(), calls);
    }
  }

  private static void sideBySide(
      Settings settings, PrintStream out, ReplayServer replay, long firstId, int calls) {
    out.printf(
        "%n## 6. Lookups: %,d `instance(id)` calls, %d in flight, replayed from memory%n%n",
        calls, SIDE_BY_SIDE_IN_FLIGHT);
    try (Contenders contenders = Contenders.all(replay.target())) {
      List<Contender> list =
          contenders.list().stream()
              .filter(
                  contender ->
                      !contender.name().startsWith("(e)") && !contender.name().startsWith("(f)"))
              .toList();
      Map<Contender, Rounds> measured = new LinkedHashMap<>();
      list.forEach(contender -> measured.put(contender, new Rounds()));
      for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
        for (Contender contender : Contenders.rotated(list, round)) {
          long connectionsBefore = replay.connectionsAccepted();
          ClientThreads.Usage before = ClientThreads.usage();
          long started = System.nanoTime();
          long[] latencies =
              Lookups.timed(i -> contender.lookup(firstId + i), calls, SIDE_BY_SIDE_IN_FLIGHT);
          double seconds = (System.nanoTime() - started) / 1e9;
          ClientThreads.Usage used = ClientThreads.usage().since(before);
          Rounds rounds = Stats.of(measured, contender);
          rounds.connections += replay.connectionsAccepted() - connectionsBefore;
          if (round >= settings.warmups()) {
            rounds.add(calls / seconds, latencies, used, calls);
          }
        }
      }
      out.println(
          "| contender | median calls/s | p50 latency | p99 latency | client CPU per call |"
              + " bytes allocated per call | connections opened |");
      out.println("|---|---:|---:|---:|---:|---:|---:|");
      measured.forEach(
          (contender, rounds) ->
              out.printf(
                  "| %s | %s | %s | %s | %s | %s | %d |%n",
                  contender.name().replace(", no parsing", "").replace(", reading ahead", ""),
                  Stats.count(Stats.median(rounds.rates)),
                  Stats.millis(Stats.median(rounds.p50)),
                  Stats.millis(Stats.median(rounds.p99)),
                  Stats.micros(Stats.median(rounds.cpu)),
                  Stats.count(Stats.median(rounds.allocated)),
                  rounds.connections));
      out.printf(
          "%nMedians over %d rounds after %d warm-up, the order rotating; connections opened over"
              + " all rounds, counted by the server.%n",
          settings.rounds(), settings.warmups());
    }
  }

  private static void pools(
      Settings settings, PrintStream out, ReplayServer replay, long firstId, int calls) {
    out.printf(
        "%n### This client's pool: %,d `instance(id)` calls, %d in flight%n%n", calls, IN_FLIGHT);
    out.println("| pool | median calls/s | p50 latency | p99 latency | connections opened |");
    out.println("|---|---:|---:|---:|---:|");
    Target target = replay.target();
    for (int pool : new int[] {50, IN_FLIGHT}) {
      AtomicInteger opened = new AtomicInteger();
      try (OpenConnectorsClient client =
          OpenConnectorsClient.builder()
              .baseUrl(target.baseUrl)
              .credentials(target.credentials)
              .maxConnections(pool)
              .httpClient(
                  http ->
                      http.doOnChannelInit(
                          (observer, channel, address) -> opened.incrementAndGet()))
              .build()) {
        Rounds rounds = new Rounds();
        for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
          long started = System.nanoTime();
          long[] latencies = Lookups.timed(i -> client.instance(firstId + i), calls, IN_FLIGHT);
          double seconds = (System.nanoTime() - started) / 1e9;
          if (round >= settings.warmups()) {
            rounds.add(calls / seconds, latencies, new ClientThreads.Usage(0, 0, 0), calls);
          }
        }
        out.printf(
            "| %s | %s | %s | %s | %d |%n",
            pool == 50 ? "default, 50 connections" : "`maxConnections(" + pool + ")`",
            Stats.count(Stats.median(rounds.rates)),
            Stats.millis(Stats.median(rounds.p50)),
            Stats.millis(Stats.median(rounds.p99)),
            opened.get());
      }
    }
    out.printf(
        "%nMedians over %d rounds after %d warm-up; connections opened over all rounds.%n",
        settings.rounds(), settings.warmups());
  }

  /** The measured rounds of one contender. */
  private static final class Rounds {
    final List<Double> rates = new ArrayList<>();
    final List<Double> p50 = new ArrayList<>();
    final List<Double> p99 = new ArrayList<>();
    final List<Double> cpu = new ArrayList<>();
    final List<Double> allocated = new ArrayList<>();
    long connections;

    void add(double rate, long[] latencies, ClientThreads.Usage used, int calls) {
      rates.add(rate);
      p50.add((double) Stats.percentile(latencies, 50));
      p99.add((double) Stats.percentile(latencies, 99));
      cpu.add(used.cpuNanos() / (double) calls);
      allocated.add(used.allocatedBytes() / (double) calls);
    }
  }
}
