package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** 6. Lookup concurrency: {@code instance(id)} calls, 256 in flight. */
final class LookupBenchmark {

  static final int IN_FLIGHT = 256;

  private LookupBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    int calls = settings.lookups();
    out.printf(
        "%n## 6. Lookup concurrency: %,d `instance(id)` calls, %d in flight%n%n", calls, IN_FLIGHT);
    out.println("| pool | median calls/s | p50 latency | p99 latency | connections opened |");
    out.println("|---|---:|---:|---:|---:|");
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(calls).start()) {
      for (int pool : new int[] {50, IN_FLIGHT}) {
        AtomicInteger opened = new AtomicInteger();
        try (OpenConnectorsClient client =
            OpenConnectorsClient.builder()
                .baseUrl(emulator.baseUrl())
                .credentials(emulator.platformCredentials())
                .maxConnections(pool)
                .httpClient(
                    http ->
                        http.doOnChannelInit(
                            (observer, channel, address) -> opened.incrementAndGet()))
                .build()) {
          List<Double> rates = new ArrayList<>();
          List<Double> p50 = new ArrayList<>();
          List<Double> p99 = new ArrayList<>();
          for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
            long started = System.nanoTime();
            long[] latencies = Lookups.timed(client, emulator.firstGeneratedId(), calls, IN_FLIGHT);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (round >= settings.warmups()) {
              rates.add(calls / seconds);
              p50.add((double) Stats.percentile(latencies, 50));
              p99.add((double) Stats.percentile(latencies, 99));
            }
          }
          out.printf(
              "| %s | %s | %s | %s | %d |%n",
              pool == 50 ? "default, 50 connections" : "`maxConnections(" + pool + ")`",
              Stats.count(Stats.median(rates)),
              Stats.millis(Stats.median(p50)),
              Stats.millis(Stats.median(p99)),
              opened.get());
        }
      }
    }
    out.printf(
        "%nMedians over %d rounds after %d warm-up; connections opened over all rounds.%n",
        settings.rounds(), settings.warmups());
  }
}
