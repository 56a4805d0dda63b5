package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
          "%d warm-up rounds (%s), then %d measured rounds; each round lists every instance once"
              + " through each contender, each from a collected heap. The JIT compiled for %s of"
              + " a measured round's time at most.%n%n",
          measured.warmups,
          measured.settled ? "until the JIT compiled for under 1% of a round" : "JIT NOT SETTLED",
          measured.compiling.size(),
          percent(Stats.max(measured.compiling)));
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
          "%nClient CPU: the process's CPU time (its garbage collection and compilation included)"
              + " less the server's threads', per instance listed; bytes allocated: by every live"
              + " thread but the server's. Medians of the rounds.%n");
      paired(out, measured, contenders.list());
    }
  }

  /**
   * The ratios that the goals are about, per round: each from two contenders measured in the same
   * round, a minute apart at most, so that the machine's state moves both.
   */
  private static void paired(PrintStream out, Measured measured, List<Contender> contenders) {
    Contender ours = named(contenders, "(a)");
    Contender jdk = named(contenders, "(c)");
    Contender floor = named(contenders, "(f)");
    List<Double> cpu = ratios(Stats.of(measured.cpu, ours), Stats.of(measured.cpu, jdk));
    List<Double> threadsCpu =
        ratios(Stats.of(measured.threadsCpu, ours), Stats.of(measured.threadsCpu, jdk));
    List<Double> rate = ratios(Stats.of(measured.rates, ours), Stats.of(measured.rates, floor));
    out.printf("%n| paired, per round | %s | median | range |%n", rounds(cpu.size()));
    out.printf("|---|%s---:|---:|%n", "---:|".repeat(cpu.size()));
    row(out, "CPU per instance, (a)/(c)", cpu, true);
    row(out, "CPU of the live client threads alone, (a)/(c)", threadsCpu, false);
    row(out, "instances/s, (a)/(f)", rate, true);
  }

  /** One paired ratio: its value per round, then its median (in bold for a goal) and range. */
  private static void row(PrintStream out, String ratio, List<Double> perRound, boolean goal) {
    String median = Stats.ratio(Stats.median(perRound));
    out.printf(
        "| %s | %s | %s | %s to %s |%n",
        ratio,
        joined(perRound),
        goal ? "**" + median + "**" : median,
        Stats.ratio(Stats.min(perRound)),
        Stats.ratio(Stats.max(perRound)));
  }

  private static Contender named(List<Contender> contenders, String prefix) {
    return contenders.stream()
        .filter(contender -> contender.name().startsWith(prefix))
        .findFirst()
        .orElseThrow();
  }

  private static List<Double> ratios(List<Double> numerators, List<Double> denominators) {
    List<Double> ratios = new ArrayList<>();
    for (int round = 0; round < numerators.size(); round++) {
      ratios.add(numerators.get(round) / denominators.get(round));
    }
    return ratios;
  }

  private static String rounds(int count) {
    StringBuilder header = new StringBuilder();
    for (int round = 1; round <= count; round++) {
      header.append(round == 1 ? "" : " | ").append("round ").append(round);
    }
    return header.toString();
  }

  private static String joined(List<Double> values) {
    return String.join(" | ", values.stream().map(Stats::ratio).toList());
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
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
   * rounds first, at least {@link Settings#listingWarmups()} and until the JIT compiled for less
   * than {@value #SETTLED} of a round's time (at most {@link Settings#listingMaxWarmups()}), then
   * the measured ones. Each contender starts from a collected heap, so that none pays for another's
   * garbage.
   */
  static Measured measure(Settings settings, List<Contender> contenders, long instances) {
    Measured measured = new Measured();
    contenders.forEach(
        contender -> {
          measured.rates.put(contender, new ArrayList<>());
          measured.cpu.put(contender, new ArrayList<>());
          measured.threadsCpu.put(contender, new ArrayList<>());
          measured.allocated.put(contender, new ArrayList<>());
        });
    int warmups = 0;
    boolean settled = false;
    // Until the warm-up's minimum has run, and then until the JIT has settled (or the maximum).
    while (warmups < settings.listingWarmups()
        || (!settled && warmups < settings.listingMaxWarmups())) {
      settled = round(contenders, warmups, instances, null) < SETTLED;
      warmups++;
    }
    measured.warmups = warmups;
    measured.settled = settled;
    for (int round = 0; round < settings.listingRounds(); round++) {
      measured.compiling.add(round(contenders, warmups + round, instances, measured));
    }
    return measured;
  }

  /**
   * One round: every contender once, in the round's order, each from a collected heap.
   *
   * @param measured where the round's figures go, or null for a warm-up round
   * @return the share of the round's time the JIT spent compiling
   */
  private static double round(
      List<Contender> contenders, int round, long instances, @Nullable Measured measured) {
    long compiledBefore = ClientThreads.compilingMillis();
    long roundStarted = System.nanoTime();
    for (Contender contender : Contenders.rotated(contenders, round)) {
      Listed listed = listOnce(contender, instances);
      double seconds = listed.seconds();
      ClientThreads.Usage used = listed.used();
      if (measured != null) {
        Stats.of(measured.rates, contender).add(instances / seconds);
        Stats.of(measured.cpu, contender).add(used.cpuNanos() / (double) instances);
        Stats.of(measured.threadsCpu, contender).add(used.threadsCpuNanos() / (double) instances);
        Stats.of(measured.allocated, contender).add(used.allocatedBytes() / (double) instances);
      }
    }
    return (ClientThreads.compilingMillis() - compiledBefore)
        / ((System.nanoTime() - roundStarted) / 1e6);
  }

  /** Lists every instance once through {@code contender}, from a collected heap, measured. */
  static Listed listOnce(Contender contender, long instances) {
    System.gc();
    ClientThreads.Usage before = ClientThreads.usage();
    long started = System.nanoTime();
    Contenders.listAll(contender, instances);
    double seconds = (System.nanoTime() - started) / 1e9;
    return new Listed(seconds, ClientThreads.usage().since(before));
  }

  /** One listing's wall time and what the client threads used meanwhile. */
  record Listed(double seconds, ClientThreads.Usage used) {}

  /** The JIT's share of a round below which the code of every contender counts as compiled. */
  static final double SETTLED = 0.01;

  /** Per round, by contender: instances per second, client CPU ns and bytes per instance. */
  static final class Measured {
    final Map<Contender, List<Double>> rates = new LinkedHashMap<>();
    final Map<Contender, List<Double>> cpu = new LinkedHashMap<>();
    final Map<Contender, List<Double>> threadsCpu = new LinkedHashMap<>();
    final Map<Contender, List<Double>> allocated = new LinkedHashMap<>();
    // Per measured round, the share of its time the JIT spent compiling.
    final List<Double> compiling = new ArrayList<>();
    int warmups;
    boolean settled;
  }
}
