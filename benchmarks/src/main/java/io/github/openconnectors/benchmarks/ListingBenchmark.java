package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2. Listing throughput: the same instances, in pages of 200, through each contender in turn, the
 * order rotating every round so that no contender always runs on a warmer or quieter machine. The
 * pages are served by a {@link ReplayServer} (recorded from the emulator), so that generating JSON
 * per request does not take the cores from the clients.
 */
final class ListingBenchmark {

  private ListingBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    long instances = settings.listingInstances();
    out.printf(
        "%n## 2. Listing throughput: %,d instances, pages of 200, replayed from memory%n%n",
        instances);
    try (ReplayServer replay = replay(instances);
        Contenders contenders = Contenders.all(replay.target())) {
      Measured measured = measure(settings, contenders.list(), instances);
      double limit = Stats.median(Stats.of(measured.rates, contenders.limit()));
      out.printf(
          "%d warm-up rounds, then %d measured rounds; each round lists every instance once"
              + " through each contender.%n%n",
          settings.warmups(), settings.rounds());
      out.println(
          "| contender | median instances/s | range | ratio to (d) |"
              + " client CPU per instance | bytes allocated per instance |");
      out.println("|---|---:|---:|---:|---:|---:|");
      measured.rates.forEach(
          (contender, values) ->
              out.printf(
                  "| %s | %s | %s to %s | %s | %s | %s |%n",
                  contender.name(),
                  Stats.count(Stats.median(values)),
                  Stats.count(Stats.min(values)),
                  Stats.count(Stats.max(values)),
                  Stats.ratio(Stats.median(values) / limit),
                  Stats.micros(Stats.median(Stats.of(measured.cpu, contender))),
                  Stats.count(Stats.median(Stats.of(measured.allocated, contender)))));
      out.printf(
          "%nClient CPU and bytes allocated: medians of the rounds, summed over every thread of"
              + " the process but the server's, per instance listed; machine noise blurs them far"
              + " less than throughput.%n");
    }
  }

  /** The emulator's pages of {@code instances}, recorded once and replayed from memory. */
  static ReplayServer replay(long instances) {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(instances).start()) {
      return ReplayServer.record(emulator, List.of());
    }
  }

  /**
   * Lists every instance through each contender, round after round, the order rotating: warm-up
   * rounds first, then the measured ones.
   */
  static Measured measure(Settings settings, List<Contender> contenders, long instances) {
    Measured measured = new Measured();
    contenders.forEach(
        contender -> {
          measured.rates.put(contender, new ArrayList<>());
          measured.cpu.put(contender, new ArrayList<>());
          measured.allocated.put(contender, new ArrayList<>());
        });
    for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
      for (Contender contender : Contenders.rotated(contenders, round)) {
        ClientThreads.Usage before = ClientThreads.usage();
        long started = System.nanoTime();
        Contenders.listAll(contender, instances);
        double seconds = (System.nanoTime() - started) / 1e9;
        ClientThreads.Usage used = ClientThreads.usage().since(before);
        if (round >= settings.warmups()) {
          Stats.of(measured.rates, contender).add(instances / seconds);
          Stats.of(measured.cpu, contender).add(used.cpuNanos() / (double) instances);
          Stats.of(measured.allocated, contender).add(used.allocatedBytes() / (double) instances);
        }
      }
    }
    return measured;
  }

  /** Per round, by contender: instances per second, client CPU ns and bytes per instance. */
  static final class Measured {
    final Map<Contender, List<Double>> rates = new LinkedHashMap<>();
    final Map<Contender, List<Double>> cpu = new LinkedHashMap<>();
    final Map<Contender, List<Double>> allocated = new LinkedHashMap<>();
  }
}
