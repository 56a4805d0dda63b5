package io.github.openconnectors.benchmarks;

import io.github.openconnectors.core.Credentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * 2b. The listing's goal ratios with one JVM per contender, as JMH's forks do: in one JVM the
 * contenders take turns and the JIT recompiles what another's turn made not entrant, and JVMs that
 * compile the same code differently show as one contender's noise. Here each fork lists through one
 * contender only, warms up until its JIT compiles for under 1% of a round, then measures; every
 * fork has the same heap and collector, and its process CPU is the contender's alone (the server
 * runs in the parent). The forks of (a), (c) and (f) run one after the other in a fork round, the
 * order rotating, and the ratios are paired by fork round.
 */
final class ListingForks {

  /** The environment variable that hands a fork the recorded {@code Authorization} header. */
  static final String AUTHORIZATION = "OPENCONNECTORS_BENCHMARK_AUTHORIZATION";

  private static final List<String> CONTENDERS = List.of("a", "c", "f");
  private static final List<String> FORK_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

  // Forks started so far, to name their logs.
  private static int forksStarted;

  private ListingForks() {}

  static void run(Settings settings, PrintStream out) throws IOException, InterruptedException {
    long instances = settings.listingInstances();
    out.printf(
        "%n## 2b. Listing, one JVM per contender: %,d instances, %d fork rounds%n%n",
        instances, settings.forkRounds());
    List<Map<String, Fork>> rounds = new ArrayList<>();
    try (ReplayServer replay = ListingBenchmark.replay(instances)) {
      for (int round = 0; round < settings.forkRounds(); round++) {
        Map<String, Fork> forks = new LinkedHashMap<>();
        for (String contender : Contenders.rotated(CONTENDERS, round)) {
          forks.put(contender, fork(contender, replay.target(), instances, settings));
        }
        rounds.add(forks);
      }
    }
    out.printf(
        "Each fork: %s, at least %d warm-up rounds and until its JIT compiled for under 1%% of a"
            + " round (at most %d), then %d measured rounds; medians of its rounds.%n%n",
        String.join(" ", FORK_JVM),
        settings.listingWarmups(),
        settings.forkMaxWarmups(),
        settings.listingRounds());
    out.println(
        "| fork round | order | (a) CPU/instance | (c) CPU/instance | **(a)/(c)** | (f) CPU/instance"
            + " | (a) instances/s | (f) instances/s | **(a)/(f)** | warm-ups (a, c, f) | JIT's share"
            + " of a measured round, at most (a, c, f) |");
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
    List<Double> cpuRatios = new ArrayList<>();
    List<Double> rateRatios = new ArrayList<>();
    for (int round = 0; round < rounds.size(); round++) {
      Map<String, Fork> forks = rounds.get(round);
      Fork ours = Objects.requireNonNull(forks.get("a"));
      Fork jdk = Objects.requireNonNull(forks.get("c"));
      Fork floor = Objects.requireNonNull(forks.get("f"));
      double cpu = ours.cpu() / jdk.cpu();
      double rate = ours.rate() / floor.rate();
      cpuRatios.add(cpu);
      rateRatios.add(rate);
      out.printf(
          "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
          round + 1,
          String.join(", ", forks.keySet()),
          Stats.micros(ours.cpu()),
          Stats.micros(jdk.cpu()),
          Stats.ratio(cpu),
          Stats.micros(floor.cpu()),
          Stats.count(ours.rate()),
          Stats.count(floor.rate()),
          Stats.ratio(rate),
          ours.warmups() + ", " + jdk.warmups() + ", " + floor.warmups(),
          percent(ours) + ", " + percent(jdk) + ", " + percent(floor));
    }
    out.printf(
        "%n(a)/(c) CPU per instance: median **%s** (%s to %s); (a)/(f) instances/s: median **%s**"
            + " (%s to %s).%n",
        Stats.ratio(Stats.median(cpuRatios)),
        Stats.ratio(Stats.min(cpuRatios)),
        Stats.ratio(Stats.max(cpuRatios)),
        Stats.ratio(Stats.median(rateRatios)),
        Stats.ratio(Stats.min(rateRatios)),
        Stats.ratio(Stats.max(rateRatios)));
  }

  /** Runs one fork of {@code contender} to its end and reads what it measured. */
  private static Fork fork(String contender, Target target, long instances, Settings settings)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(FORK_JVM);
    // More for the forks, such as -XX:+PrintCompilation: what they print goes to a file each.
    String more = System.getProperty("forks.jvmArgs", "").strip();
    if (!more.isEmpty()) {
      command.addAll(List.of(more.split("\\s+", -1)));
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Benchmarks.class.getName(),
            "listing-fork",
            contender,
            target.baseUrl,
            Long.toString(instances)));
    if (settings.quick()) {
      command.add("--quick");
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    if (more.isEmpty()) {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    } else {
      forksStarted++;
      Path log =
          Path.of("target", "listing-forks", "fork-" + forksStarted + "-" + contender + ".log");
      Files.createDirectories(log.getParent());
      builder.redirectOutput(log.toFile());
      System.err.println("fork " + forksStarted + " (" + contender + "): its output in " + log);
    }
    builder.environment().put(AUTHORIZATION, target.authorization());
    Process process = builder.start();
    List<Double> cpu = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    List<Double> compiling = new ArrayList<>();
    int warmups = -1;
    // The fork's figures come on its stderr, apart from whatever the JVM prints on its stdout.
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] fields = line.split(" ", -1);
        if (fields[0].equals("ROUND")) {
          cpu.add(Double.parseDouble(fields[1]));
          rates.add(Double.parseDouble(fields[2]));
          compiling.add(Double.parseDouble(fields[3]));
        } else if (fields[0].equals("WARMUPS")) {
          warmups = Integer.parseInt(fields[1]);
        } else if (!line.startsWith("SLF4J:")) {
          // What else the fork says, such as why it failed.
          System.err.println(line);
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || cpu.isEmpty()) {
      throw new IllegalStateException("the fork of (" + contender + ") failed: exit " + exit);
    }
    return new Fork(warmups, Stats.median(cpu), Stats.median(rates), Stats.max(compiling));
  }

  /**
   * In the fork: lists through one contender, warm-up rounds until its JIT has settled, then the
   * measured rounds, each printed on stderr as {@code ROUND cpu-ns-per-instance instances-per-s
   * jit-share}.
   */
  static void child(String contender, String baseUrl, long instances, Settings settings) {
    String authorization =
        Objects.requireNonNull(System.getenv(AUTHORIZATION), AUTHORIZATION + " is not set");
    Target target = new Target(baseUrl, Credentials.parse(authorization));
    try (Contender listing = contender(contender, target)) {
      int warmups = 0;
      boolean settled = false;
      while (warmups < settings.listingWarmups()
          || (!settled && warmups < settings.forkMaxWarmups())) {
        settled = round(listing, instances).compiling() < ListingBenchmark.SETTLED;
        warmups++;
      }
      System.err.println("WARMUPS " + warmups);
      for (int round = 0; round < settings.listingRounds(); round++) {
        // Marks the round in what the JVM prints, such as -XX:+PrintCompilation's lines.
        System.out.println("-- measured round " + (round + 1));
        Round measured = round(listing, instances);
        System.err.printf(
            Locale.ROOT,
            "ROUND %.3f %.1f %.5f%n",
            measured.cpu(),
            measured.rate(),
            measured.compiling());
      }
    }
  }

  /** One listing from a collected heap, and the JIT's share of its time. */
  private static Round round(Contender contender, long instances) {
    long compiledBefore = ClientThreads.compilingMillis();
    ListingBenchmark.Listed listed = ListingBenchmark.listOnce(contender, instances);
    return new Round(
        listed.used().cpuNanos() / (double) instances,
        instances / listed.seconds(),
        (ClientThreads.compilingMillis() - compiledBefore) / (listed.seconds() * 1e3));
  }

  /** One measured listing: CPU ns per instance, instances per second, the JIT's share. */
  private record Round(double cpu, double rate, double compiling) {}

  private static Contender contender(String letter, Target target) {
    return switch (letter) {
      case "a" -> new OursContender(target);
      case "c" -> new JdkHttpClientContender(target);
      case "f" -> new TokenizingContender(target);
      default -> throw new IllegalArgumentException("no contender (" + letter + ")");
    };
  }

  private static String percent(Fork fork) {
    return String.format(Locale.ROOT, "%.1f%%", fork.compiling() * 100);
  }

  /** One fork's medians, and the most its JIT compiled in a measured round. */
  private record Fork(int warmups, double cpu, double rate, double compiling) {}
}
