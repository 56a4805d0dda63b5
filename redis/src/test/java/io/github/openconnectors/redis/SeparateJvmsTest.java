package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Replicas are processes: two JVMs share one log-in through one Redis. */
class SeparateJvmsTest {

  static final String USERNAME = "fleet@example.com";
  static final String PASSWORD = "fleet password";

  @Test
  void twoReplicasInTheirOwnJvmsLogInOnce() throws IOException, InterruptedException {
    try (RedisServer redis = RedisTests.redis();
        OpenConnectorsEmulator service =
            OpenConnectorsEmulator.builder().instances(3).account(USERNAME, PASSWORD).start()) {
      List<Process> replicas = new ArrayList<>();
      List<Path> outputs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path output = Files.createTempFile("replica", ".log");
        output.toFile().deleteOnExit();
        outputs.add(output);
        replicas.add(
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Replica.class.getName(),
                    service.baseUrl(),
                    redis.url(),
                    RedisTests.KEY,
                    USERNAME,
                    PASSWORD,
                    Long.toString(service.firstGeneratedId()),
                    "200")
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start());
      }
      for (int i = 0; i < replicas.size(); i++) {
        Process replica = replicas.get(i);
        assertThat(replica.waitFor(90, TimeUnit.SECONDS)).as("the replica ended").isTrue();
        String output = Files.readString(outputs.get(i), StandardCharsets.UTF_8);
        assertThat(replica.exitValue()).as(output).isZero();
        assertThat(output).contains("calls=200 fallbacks=0").doesNotContain(PASSWORD);
      }
      assertThat(
              service.journal().stream()
                  .filter(request -> request.path().equals("/authentication"))
                  .count())
          .as("log-ins")
          .isEqualTo(1);
      assertThat(service.journal().stream().filter(request -> request.status() == 200).count())
          .isEqualTo(401);
    }
  }
}
