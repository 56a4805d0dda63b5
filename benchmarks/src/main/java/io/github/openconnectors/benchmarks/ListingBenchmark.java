package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 2. Listing throughput: the same instances, in pages of 200, through each contender in turn, the
 * order rotating every round so that no contender always runs on a warmer or quieter machine.
 */
final class ListingBenchmark {

  private ListingBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    long instances = settings.listingInstances();
    out.printf("%n## 2. Listing throughput: %,d instances, pages of 200%n%n", instances);
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(instances).start();
        Contenders contenders = Contenders.all(emulator)) {
      Measured measured = measure(settings, contenders.list(), instances);
      double limit = Stats.median(measured.rates.get(contenders.raw()));
      out.printf(
          "%d warm-up rounds, then %d measured rounds; each round lists every instance once"
              + " through each contender.%n%n",
          settings.warmups(), settings.rounds());
      out.println(
          "| contender | median instances/s | range | ratio to (d) |"
              + " client CPU per instance (median) |");
      out.println("|---|---:|---:|---:|---:|");
      measured.rates.forEach(
          (contender, values) ->
              out.printf(
                  "| %s | %s | %s to %s | %s | %s |%n",
                  contender.name(),
                  Stats.count(Stats.median(values)),
                  Stats.count(Stats.min(values)),
                  Stats.count(Stats.max(values)),
                  Stats.ratio(Stats.median(values) / limit),
                  Stats.micros(Stats.median(measured.cpu.get(contender)))));
      out.printf(
          "%nClient CPU: the CPU time of every thread of the process but the emulator's, per"
              + " instance listed; machine noise blurs it far less than throughput.%n");
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
        });
    for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
      for (Contender contender : Contenders.rotated(contenders, round)) {
        long cpuBefore = ClientCpu.nanos();
        long started = System.nanoTime();
        long emitted = Contenders.listAll(contender, instances);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (round >= settings.warmups()) {
          measured.rates.get(contender).add(instances / seconds);
          measured.cpu.get(contender).add((ClientCpu.nanos() - cpuBefore) / (double) instances);
        }
        if (emitted < 0) {
          throw new IllegalStateException(contender.name() + " listed nothing");
        }
      }
    }
    return measured;
  }

  /** Instances per second and client CPU nanoseconds per instance, per round, by contender. */
  static final class Measured {
    final Map<Contender, List<Double>> rates = new LinkedHashMap<>();
    final Map<Contender, List<Double>> cpu = new LinkedHashMap<>();
  }
}
