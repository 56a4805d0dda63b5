package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * 5. Refresh under load: concurrent calls that all meet an expired bearer token (the service
 * refuses it with 401), against the same calls with a warm cache.
 */
final class RefreshBenchmark {

  private RefreshBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    int calls = settings.concurrentRefreshCalls();
    out.printf(
        "%n## 5. Refresh under load: %,d concurrent calls meet an expired bearer token%n%n", calls);
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(calls).start();
        OpenConnectorsClient client =
            OpenConnectorsClient.builder()
                .baseUrl(emulator.baseUrl())
                .bearerLogin(
                    OpenConnectorsEmulator.DEFAULT_USERNAME,
                    OpenConnectorsEmulator.DEFAULT_PASSWORD)
                .build()) {
      List<Double> warmP50 = new ArrayList<>();
      List<Double> warmP99 = new ArrayList<>();
      List<Double> expiredP50 = new ArrayList<>();
      List<Double> expiredP99 = new ArrayList<>();
      List<Long> logins = new ArrayList<>();
      List<Long> refused = new ArrayList<>();
      for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
        long[] warm =
            Lookups.timed(i -> client.instance(emulator.firstGeneratedId() + i), calls, calls);
        emulator.expireBearerTokens();
        emulator.clearJournal();
        long[] expired =
            Lookups.timed(i -> client.instance(emulator.firstGeneratedId() + i), calls, calls);
        List<RecordedRequest> journal = emulator.journal();
        if (round >= settings.warmups()) {
          warmP50.add((double) Stats.percentile(warm, 50));
          warmP99.add((double) Stats.percentile(warm, 99));
          expiredP50.add((double) Stats.percentile(expired, 50));
          expiredP99.add((double) Stats.percentile(expired, 99));
          logins.add(journal.stream().filter(r -> r.path().equals("/authentication")).count());
          refused.add(journal.stream().filter(r -> r.status() == 401).count());
        }
      }
      out.printf(
          "Each round: %,d concurrent `instance(id)` calls with the token cached, then the"
              + " emulator expires every token and %,d more calls go out at once. Medians over %d"
              + " rounds after %d warm-up.%n%n",
          calls, calls, settings.rounds(), settings.warmups());
      out.println("| | p50 | p99 |");
      out.println("|---|---:|---:|");
      out.printf(
          "| warm cache | %s | %s |%n",
          Stats.millis(Stats.median(warmP50)), Stats.millis(Stats.median(warmP99)));
      out.printf(
          "| meeting the expired token | %s | %s |%n",
          Stats.millis(Stats.median(expiredP50)), Stats.millis(Stats.median(expiredP99)));
      out.printf(
          "| added by the refresh | %s | %s |%n%n",
          Stats.millis(Stats.median(expiredP50) - Stats.median(warmP50)),
          Stats.millis(Stats.median(expiredP99) - Stats.median(warmP99)));
      out.printf("Log-ins made per round (goal: exactly 1): %s.%n", logins);
      out.printf(
          "Requests refused with 401 per round (in flight when the token expired): %s.%n", refused);
    }
  }
}
