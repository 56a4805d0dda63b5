package io.github.openconnectors.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tool as users run it: its jar in a JVM of its own, where the libraries log through
 * java.util.logging (the test class path has another logging stack). Run by failsafe after
 * packaging.
 */
class CliJarIT {

  static OpenConnectorsEmulator emulator;

  @TempDir Path output;

  @BeforeAll
  static void start() {
    emulator = OpenConnectorsEmulator.builder().instances(30).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  /** What one run of the jar printed and returned. */
  record Run(int exit, String out, List<String> errLines) {}

  Run run(Map<String, String> environment, String... args) throws Exception {
    String jar = System.getProperty("cli.jar", "target/openconnectors-cli.jar");
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar);
    command.addAll(List.of(args));
    File out = output.resolve("out.txt").toFile();
    File err = output.resolve("err.txt").toFile();
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(out)
            .redirectError(err)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().keySet().removeIf(name -> name.startsWith("OPEN_CONNECTORS_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the tool did not finish in 90 s");
    }
    return new Run(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readAllLines(err.toPath(), StandardCharsets.UTF_8));
  }

  Map<String, String> tenant(String baseUrl) {
    return Map.of(
        "OPEN_CONNECTORS_BASE_URL", baseUrl,
        "OPEN_CONNECTORS_USER_SECRET", emulator.userSecret().reveal(),
        "OPEN_CONNECTORS_ORGANIZATION_SECRET", emulator.organizationSecret().reveal());
  }

  @Test
  void aTlsFailureIsOneLineOnStderrNotTheLibrariesStackTraces() throws Exception {
    String https = emulator.baseUrl().replace("http://", "https://");

    Run run = run(tenant(https), "instances", "list");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("openconnectors: ")
        .contains("the TLS handshake failed");
  }

  @Test
  void verboseLetsTheLibrariesLogThrough() throws Exception {
    String https = emulator.baseUrl().replace("http://", "https://");

    Run run = run(tenant(https), "instances", "list", "--verbose");

    assertThat(run.exit()).isEqualTo(1);
    // Netty's own debug lines, logged as the client starts (its warning about the failed
    // handshake comes from an event loop, and may lose the race with the tool's exit).
    assertThat(run.errLines())
        .hasSizeGreaterThan(1)
        .anyMatch(line -> line.startsWith("FINE: "))
        .anyMatch(line -> line.startsWith("openconnectors: "));
    assertThat(String.join("\n", run.errLines()))
        .doesNotContain(emulator.userSecret().reveal())
        .doesNotContain(emulator.organizationSecret().reveal());
  }

  @Test
  void refusedCredentialsPrintNoTableHeaderOnlyTheOneLine() throws IOException, Exception {
    Map<String, String> wrong =
        Map.of(
            "OPEN_CONNECTORS_BASE_URL", emulator.baseUrl(),
            "OPEN_CONNECTORS_USER_SECRET", "wrong-user-secret",
            "OPEN_CONNECTORS_ORGANIZATION_SECRET", "wrong-organization-secret");

    Run run = run(wrong, "instances", "list");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines()).singleElement().asString().startsWith("openconnectors: ");
  }

  @Test
  void theReadmesMainJobRuns() throws Exception {
    Run run = run(Map.of(), "demo");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("instances");
    assertThat(run.errLines()).isEmpty();
  }
}
