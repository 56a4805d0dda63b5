package io.github.openconnectors.benchmarks;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * 3. Memory: every instance listed, streaming to a counter, in a JVM of its own whose heap is
 * capped; the emulator runs in this (parent) process, so the child's heap holds the client alone.
 */
final class MemoryBenchmark {

  static final Map<String, String> CONTENDERS =
      Map.of(
          "ours", "(a) this client",
          "webclient", "(b) Spring WebClient",
          "jdk", "(c) JDK HttpClient + Jackson");

  static final List<String> ORDER = List.of("ours", "webclient", "jdk");

  private MemoryBenchmark() {}

  static void run(Settings settings, PrintStream out) throws IOException, InterruptedException {
    long instances = settings.memoryInstances();
    out.printf(
        "%n## 3. Memory: %,d instances streamed to a counter, heap capped at 64 MiB%n%n",
        instances);
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(instances).start()) {
      out.println(
          "| contender | finished | seconds | peak heap used | largest heap after a collection |"
              + " collector |");
      out.println("|---|---|---:|---:|---:|---|");
      for (String contender : ORDER) {
        Outcome outcome = child(emulator, contender, 64, instances);
        out.printf(
            "| %s | %s | %s | %s | %s | %s |%n",
            CONTENDERS.get(contender),
            outcome.finished ? "yes" : "no: " + outcome.failure,
            outcome.finished ? outcome.seconds : "",
            outcome.finished ? Stats.mebibytes((double) outcome.peakUsed) : "",
            outcome.finished ? Stats.mebibytes((double) outcome.liveAfterGc) : "",
            outcome.collector);
      }
      if (!settings.quick()) {
        out.printf(
            "%nThe smallest heap cap (of 8, 12, 16, 24, 32 and 48 MiB) with which each lists all"
                + " %,d:%n%n",
            instances);
        out.println("| contender | smallest cap that finished |");
        out.println("|---|---:|");
        for (String contender : ORDER) {
          String smallest = "more than 48 MiB";
          for (int cap : new int[] {8, 12, 16, 24, 32, 48}) {
            if (child(emulator, contender, cap, instances).finished) {
              smallest = cap + " MiB";
              break;
            }
          }
          out.printf("| %s | %s |%n", CONTENDERS.get(contender), smallest);
        }
      }
    }
  }

  private static Outcome child(
      OpenConnectorsEmulator emulator, String contender, int heapMiB, long instances)
      throws IOException, InterruptedException {
    Credentials credentials = emulator.platformCredentials();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + heapMiB + "m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            MemoryRun.class.getName(),
            contender,
            emulator.baseUrl(),
            Long.toString(instances));
    builder
        .environment()
        .put(Credentials.USER_SECRET_VARIABLE, credentials.userSecret().orElseThrow().reveal());
    builder
        .environment()
        .put(
            Credentials.ORGANIZATION_SECRET_VARIABLE,
            credentials.organizationSecret().orElseThrow().reveal());
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String result = null;
    StringBuilder tail = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("RESULT ")) {
          result = line;
        } else if (line.contains("OutOfMemoryError")) {
          tail.append("OutOfMemoryError");
        }
      }
    }
    if (!process.waitFor(15, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return Outcome.failed("timed out", "");
    }
    if (process.exitValue() != 0 || result == null) {
      return Outcome.failed(
          tail.length() > 0 ? tail.toString() : "exit code " + process.exitValue(), "");
    }
    String[] fields = result.split(" ", -1);
    return new Outcome(
        true, null, fields[2], Long.parseLong(fields[3]), Long.parseLong(fields[4]), fields[5]);
  }

  /** How a child ended. */
  private static final class Outcome {
    final boolean finished;
    final @Nullable String failure;
    final String seconds;
    final long peakUsed;
    final long liveAfterGc;
    final String collector;

    Outcome(
        boolean finished,
        @Nullable String failure,
        String seconds,
        long peakUsed,
        long liveAfterGc,
        String collector) {
      this.finished = finished;
      this.failure = failure;
      this.seconds = seconds;
      this.peakUsed = peakUsed;
      this.liveAfterGc = liveAfterGc;
      this.collector = collector;
    }

    static Outcome failed(String failure, String collector) {
      return new Outcome(false, failure, "", 0, 0, collector);
    }
  }
}
