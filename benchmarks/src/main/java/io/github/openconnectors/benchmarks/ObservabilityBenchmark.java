package io.github.openconnectors.benchmarks;

import io.github.openconnectors.reactor.MicrometerObservability;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.PrintStream;
import java.util.List;

/**
 * 7. What observing costs: the same listing through this client without observability and with
 * Micrometer's observations (a meter handler, as Spring Boot's Actuator installs) and counters, in
 * turn, the order rotating every round.
 */
final class ObservabilityBenchmark {

  private ObservabilityBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    long instances = settings.listingInstances();
    out.printf(
        "%n## 7. Observability's cost: %,d instances, pages of 200 replayed, this client%n%n",
        instances);
    MeterRegistry meters = new SimpleMeterRegistry();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    try (ReplayServer replay = ListingBenchmark.replay(instances);
        OursContender plain = new OursContender(replay.target());
        OursContender observed =
            new OursContender(
                replay.target(),
                builder -> builder.observability(MicrometerObservability.of(observations, meters)),
                "(a) this client, observed")) {
      List<Contender> contenders = List.of(plain, observed);
      ListingBenchmark.Measured measured =
          ListingBenchmark.measure(settings, contenders, instances);
      double plainRate = Stats.median(Stats.of(measured.rates, plain));
      double plainCpu = Stats.median(Stats.of(measured.cpu, plain));
      out.printf(
          "%d warm-up rounds, then %d measured rounds.%n%n",
          measured.warmups, measured.compiling.size());
      out.println(
          "| contender | median instances/s | range | ratio to unobserved |"
              + " client CPU per instance (median) | CPU ratio |");
      out.println("|---|---:|---:|---:|---:|---:|");
      for (Contender contender : contenders) {
        List<Double> rates = Stats.of(measured.rates, contender);
        double cpu = Stats.median(Stats.of(measured.cpu, contender));
        out.printf(
            "| %s | %s | %s to %s | %s | %s | %s |%n",
            contender.name(),
            Stats.count(Stats.median(rates)),
            Stats.count(Stats.min(rates)),
            Stats.count(Stats.max(rates)),
            Stats.ratio(Stats.median(rates) / plainRate),
            Stats.micros(cpu),
            Stats.ratio(cpu / plainCpu));
      }
      out.printf(
          "%nObserved: one observation per page request (a timer), counters of pages and items;"
              + " %d timers and counters at the end.%n",
          meters.getMeters().size());
    }
  }
}
