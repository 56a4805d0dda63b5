package io.github.openconnectors.benchmarks;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.DecodingProbe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * 2c. One listing page decoded from memory: Jackson's tokens alone, which is all (f) does, the
 * strings any client must make to hand out an instance's text, and this client's reader and
 * decoder. Where the floor under listing throughput lies, without the network. Not final: JMH
 * generates subclasses of its states.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodingBenchmark {

  /** The network's chunks as the decoder is fed them; a loopback read hands over 16 to 64 KiB. */
  private static final int CHUNK_BYTES = 16 * 1024;

  private final JsonFactory json = JsonFactory.builder().build();
  private byte[] page = new byte[0];
  private List<ByteBuf> chunks = List.of();

  /** Records one page of {@link Target#PAGE_SIZE} instances from the emulator. */
  @Setup
  public void setUp() throws IOException, InterruptedException {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(Target.PAGE_SIZE).start()) {
      HttpResponse<byte[]> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(emulator.baseUrl() + Target.pagePath(null)))
                      .header(
                          "Authorization",
                          emulator.platformCredentials().authorizationFor(ApiKind.PLATFORM).value())
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      page = response.body();
    }
    List<ByteBuf> split = new ArrayList<>();
    for (int from = 0; from < page.length; from += CHUNK_BYTES) {
      split.add(Unpooled.wrappedBuffer(page, from, Math.min(CHUNK_BYTES, page.length - from)));
    }
    chunks = List.copyOf(split);
  }

  /** The page recorded by {@link #setUp}. */
  byte[] page() {
    return page.clone();
  }

  /**
   * (f)'s work: every token, names canonicalized, no string values made, no objects.
   *
   * @return the tokens counted
   */
  @Benchmark
  public long tokens() {
    long tokens = 0;
    try (JsonParser parser = json.createParser(ObjectReadContext.empty(), page)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        tokens++;
      }
    }
    return tokens;
  }

  /**
   * The least any client that hands out the instances' text does: every token, and a {@code String}
   * of every string value.
   *
   * @return the characters of the strings made
   */
  @Benchmark
  public long tokensAndStrings() {
    long characters = 0;
    try (JsonParser parser = json.createParser(ObjectReadContext.empty(), page)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_STRING) {
          characters += parser.getString().length();
        }
      }
    }
    return characters;
  }

  /**
   * This client's instance reader over one parser: the strings, validated tokens, dates, tags and
   * the {@code Instance} objects, without the decoder's chunks.
   *
   * @return the sum of the instances' ids
   */
  @Benchmark
  public long clientReader() {
    return DecodingProbe.read(page);
  }

  /**
   * What a listing does with a page's bytes: this client's decoder fed the page in chunks.
   *
   * @return the sum of the instances' ids
   */
  @Benchmark
  public long clientDecoder() {
    return DecodingProbe.decode(chunks);
  }

  static void run(Settings settings, PrintStream out) throws RunnerException {
    int forks = settings.quick() ? 1 : 5;
    int warmups = settings.quick() ? 2 : 5;
    int iterations = settings.quick() ? 2 : 3;
    Options options =
        new OptionsBuilder()
            .include(DecodingBenchmark.class.getName() + "\\.")
            .addProfiler(GCProfiler.class)
            .forks(forks)
            .jvmArgsAppend("-Xms1g", "-Xmx1g", "-XX:+UseG1GC")
            .warmupIterations(warmups)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(1))
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    out.printf(
        "%n## 2c. A page decoded from memory (JMH, GC profiler)%n%n"
            + "%d instances in the emulator's shape; %d forks (-Xms1g -Xmx1g -XX:+UseG1GC), each"
            + " %d warm-up and %d measured iterations of 1 s; the decoder fed %d KiB chunks."
            + " The median of the forks' means, and each fork's mean: JVMs compile Jackson's"
            + " parser differently.%n%n",
        Target.PAGE_SIZE, forks, warmups, iterations, CHUNK_BYTES / 1024);
    out.println(
        "| way | ns per instance, median of forks | tokens' median / this | each fork |"
            + " bytes allocated per instance |");
    out.println("|---|---:|---:|---|---:|");
    Map<String, List<Double>> byWay = new LinkedHashMap<>();
    Map<String, String> allocated = new LinkedHashMap<>();
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String way = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      byWay.put(
          way,
          result.getBenchmarkResults().stream()
              .map(fork -> fork.getPrimaryResult().getScore() / Target.PAGE_SIZE)
              .toList());
      Result<?> bytes = result.getSecondaryResults().get("gc.alloc.rate.norm");
      allocated.put(
          way,
          bytes == null
              ? "?"
              : String.format(Locale.ROOT, "%.0f", bytes.getScore() / Target.PAGE_SIZE));
    }
    double tokens = Stats.median(byWay.getOrDefault("tokens", List.of(Double.NaN)));
    for (Map.Entry<String, List<Double>> way : byWay.entrySet()) {
      double median = Stats.median(way.getValue());
      out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.2f | %s | %s |%n",
          way.getKey(),
          median,
          tokens / median,
          way.getValue().stream()
              .map(fork -> String.format(Locale.ROOT, "%.0f", fork))
              .collect(Collectors.joining(", ")),
          allocated.get(way.getKey()));
    }
  }
}
