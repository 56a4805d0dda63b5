package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * 4. Time to the first instance when the service trickles its page: 1 KiB every 10 ms, so a page of
 * 200 instances (about 90 KiB) takes about a second to arrive.
 */
final class FirstInstanceBenchmark {

  static final int CHUNK = 1024;
  static final Duration INTERVAL = Duration.ofMillis(10);

  private FirstInstanceBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    out.printf(
        "%n## 4. Time to first instance, the page trickled %d bytes every %d ms%n%n",
        CHUNK, INTERVAL.toMillis());
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(1_000).start();
        Contenders contenders = Contenders.decoding(emulator)) {
      Map<Contender, List<Double>> firsts = new LinkedHashMap<>();
      contenders.list().forEach(contender -> firsts.put(contender, new ArrayList<>()));
      // Warm each contender up on the untrickled service first: class loading is not the point.
      for (Contender contender : contenders.list()) {
        Contenders.listAll(contender, 1_000);
      }
      emulator.inject(Fault.trickle(CHUNK, INTERVAL).onPath("/instances").always());
      for (int round = 0; round < settings.rounds(); round++) {
        for (Contender contender : Contenders.rotated(contenders.list(), round)) {
          long started = System.nanoTime();
          Objects.requireNonNull(contender.listing().take(1).blockLast(Duration.ofSeconds(30)));
          Stats.of(firsts, contender).add((double) (System.nanoTime() - started));
        }
      }
      out.printf("%d measured rounds after one untrickled warm-up listing.%n%n", settings.rounds());
      out.println("| contender | median time to first instance | range |");
      out.println("|---|---:|---:|");
      firsts.forEach(
          (contender, values) ->
              out.printf(
                  "| %s | %s | %s to %s |%n",
                  contender.name(),
                  Stats.millis(Stats.median(values)),
                  Stats.millis(Stats.min(values)),
                  Stats.millis(Stats.max(values))));
    }
  }
}
