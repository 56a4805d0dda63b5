package io.github.openconnectors.benchmarks;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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

/**
 * 1. The header hot path: the {@code Authorization} value for a request from ready credentials,
 * ours against composing it per request. Not final: JMH generates subclasses of its states.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HeaderBenchmark {

  private Credentials credentials =
      Credentials.of(
          UserSecret.of("sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii"),
          OrganizationSecret.of("58168435e3b9959a929eb04b6218b9a2"),
          InstanceToken.of("yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3"));
  private String user = "";
  private String organization = "";
  private String token = "";

  /** Reads the secrets once, as a per-request composer would hold them. */
  @Setup
  public void setUp() {
    user = credentials.userSecret().orElseThrow().reveal();
    organization = credentials.organizationSecret().orElseThrow().reveal();
    token = credentials.instanceToken().orElseThrow().reveal();
  }

  /**
   * This library: the value composed when the credentials were made.
   *
   * @return the header value
   */
  @Benchmark
  public String ours() {
    return credentials.authorizationFor(ApiKind.PLATFORM_AND_CONNECTOR).value();
  }

  /**
   * Composed per request with {@code String.format}.
   *
   * @return the header value
   */
  @Benchmark
  public String stringFormat() {
    return String.format("User %s, Organization %s, Element %s", user, organization, token);
  }

  /**
   * Composed per request by concatenation.
   *
   * @return the header value
   */
  @Benchmark
  public String concatenation() {
    return "User " + user + ", Organization " + organization + ", Element " + token;
  }

  static void run(Settings settings, PrintStream out) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(HeaderBenchmark.class.getName() + "\\.")
            .addProfiler(GCProfiler.class)
            .forks(1)
            .warmupIterations(settings.quick() ? 2 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(settings.quick() ? 3 : 5)
            .measurementTime(TimeValue.seconds(1))
            .shouldFailOnError(true)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    out.printf(
        "%n## 1. Header hot path (JMH, GC profiler)%n%n"
            + "One fork, %d warm-up and %d measured iterations of 1 s each.%n%n",
        settings.quick() ? 2 : 5, settings.quick() ? 3 : 5);
    out.println("| way | ns/op (mean ± error) | bytes allocated/op |");
    out.println("|---|---:|---:|");
    for (RunResult result : results) {
      String name = result.getParams().getBenchmark();
      Result<?> time = result.getPrimaryResult();
      Result<?> allocated = result.getSecondaryResults().get("gc.alloc.rate.norm");
      out.printf(
          Locale.ROOT,
          "| %s | %.2f ± %.2f | %s |%n",
          name.substring(name.lastIndexOf('.') + 1),
          time.getScore(),
          time.getScoreError(),
          allocated == null ? "?" : String.format(Locale.ROOT, "%.1f", allocated.getScore()));
    }
  }
}
