package io.github.openconnectors.benchmarks;

import java.io.PrintStream;
import java.util.List;

/**
 * Runs the benchmarks and prints their results as Markdown tables.
 *
 * <pre>
 * java -jar benchmarks/target/openconnectors-benchmarks.jar all [--quick]
 * java -jar benchmarks/target/openconnectors-benchmarks.jar header|listing|listing-forks|decoding|memory|first|refresh|lookups|observability|fleet|events [--quick]
 * </pre>
 */
public final class Benchmarks {

  private Benchmarks() {}

  /**
   * Runs the benchmarks named on the command line.
   *
   * @param args a benchmark name or {@code all}, and {@code --quick} for a smoke run
   * @throws Exception if a benchmark fails
   */
  public static void main(String[] args) throws Exception {
    List<String> arguments = List.of(args);
    Settings settings = new Settings(arguments.contains("--quick"));
    String which = arguments.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("all");
    if (which.equals("listing-fork")) {
      // One fork of listing-forks: its contender, the server's base URL, the instances.
      ListingForks.child(args[1], args[2], Long.parseLong(args[3]), settings);
      return;
    }
    PrintStream out = System.out;
    out.printf(
        "# openconnectors benchmarks (%s run)%n%nJava %s, %d processors, max heap %d MiB%n",
        settings.quick() ? "quick" : "full",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
    boolean all = which.equals("all");
    boolean known = false;
    if (all || which.equals("header")) {
      HeaderBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("listing")) {
      ListingBenchmark.run(settings, out);
      known = true;
    }
    if (which.equals("listing-forks")) {
      ListingForks.run(settings, out);
      known = true;
    }
    if (all || which.equals("decoding")) {
      DecodingBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("memory")) {
      MemoryBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("first")) {
      FirstInstanceBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("refresh")) {
      RefreshBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("lookups")) {
      LookupBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("observability")) {
      ObservabilityBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("fleet")) {
      FleetBenchmark.run(settings, out);
      known = true;
    }
    if (all || which.equals("events")) {
      EventsBenchmark.run(settings, out);
      known = true;
    }
    if (!known) {
      System.err.println(
          "usage: all|header|listing|listing-forks|decoding|memory|first|refresh|lookups|observability|fleet|events [--quick]; unknown: "
              + which);
      System.exit(2);
    }
  }
}
