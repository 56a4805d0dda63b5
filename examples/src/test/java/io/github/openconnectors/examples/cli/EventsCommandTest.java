package io.github.openconnectors.examples.cli;

import static io.github.openconnectors.examples.cli.CliRun.environment;
import static io.github.openconnectors.examples.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.DeliveryFault;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.examples.cli.CliRun.Result;
import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

class EventsCommandTest {

  static final String KEY = "cli-event-key-never-printed";
  static final long INSTANCE = 77;

  OpenConnectorsEmulator emulator;
  OpenConnectorsClient client;
  Map<String, String> env;

  @BeforeEach
  void start() {
    emulator = OpenConnectorsEmulator.builder().instances(0).start();
    client =
        Service.client(emulator.baseUrl(), CredentialsProvider.of(emulator.platformCredentials()));
    env = new HashMap<>(environment(emulator));
    env.put(EventsCommand.KEY_VARIABLE, KEY);
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  void notifying(int port) {
    emulator.addInstance(
        EmulatedInstance.builder(INSTANCE, InstanceToken.of("cli-events-token"))
            .eventNotifications(
                new EmulatedInstance.EventNotifications(
                    URI.create("http://127.0.0.1:" + port + "/events"), EventSignatureKey.of(KEY)))
            .build());
  }

  void write() {
    client
        .connector(INSTANCE)
        .create("crm/contacts", Map.of("name", "Ada"))
        .block(Duration.ofSeconds(20));
  }

  @Test
  void listPrintsALinePerEventNeverItsPayload() {
    notifying(9);
    write();
    write();
    Result result = run(env, "events", "list");
    assertThat(result.exitCode()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).matches("1\\s+77\\s+RECEIVED\\s+\\d{4}-.*Z");
    assertThat(result.out()).doesNotContain("contacts");
    assertThat(run(env, "events", "list", "--instance", "77", "--limit", "1").out().lines())
        .hasSize(1);
  }

  @Test
  void listenPrintsEachVerifiedEventAndEndsOnAForgedOneWithExitCode3() throws Exception {
    int port = freePort();
    CompletableFuture<Result> listening =
        CompletableFuture.supplyAsync(
            () -> run(env, "events", "listen", "--port", Integer.toString(port)));
    awaitListening(port);
    notifying(port);
    write();
    // Deliveries go in the background: the forged one is made once the first was answered.
    firstTrue(() -> emulator.deliveries().stream().anyMatch(made -> made.status() == 200))
        .onErrorResume(TimeoutException.class, late -> Mono.just(false))
        .block();
    emulator.injectDeliveryFault(DeliveryFault.WRONG_SIGNATURE);
    write();

    Result result = listening.get(30, TimeUnit.SECONDS);
    assertThat(result.exitCode()).isEqualTo(OpenConnectorsCli.AUTHENTICATION);
    assertThat(result.out().lines().toList())
        .singleElement()
        .asString()
        .matches("[0-9a-f-]{36}  instance 77  CREATED contacts \\d+");
    assertThat(result.err())
        .contains("Listening on http://127.0.0.1:" + port)
        .contains("its signature is missing or wrong")
        .doesNotContain(KEY);
  }

  @Test
  void listenWithoutAKeyIsRefusedNamingTheVariable() {
    env.remove(EventsCommand.KEY_VARIABLE);
    Result result = run(env, "events", "listen", "--port", "0", "--count", "1");
    assertThat(result.exitCode()).isEqualTo(OpenConnectorsCli.AUTHENTICATION);
    assertThat(result.err()).contains(EventsCommand.KEY_VARIABLE + " is not set");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static void awaitListening(int port) {
    firstTrue(() -> accepts(port))
        .onErrorMap(
            TimeoutException.class,
            late -> new AssertionError("the listener did not start within 20 s"))
        .block();
  }

  static boolean accepts(int port) {
    try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return probe.isConnected();
    } catch (IOException notYet) {
      return false;
    }
  }

  /**
   * True once {@code condition} holds, looked at every 10 ms on a thread that may block (a probe
   * connects a socket); a timeout after 20 s.
   */
  static Mono<Boolean> firstTrue(BooleanSupplier condition) {
    return Flux.interval(Duration.ZERO, Duration.ofMillis(10), Schedulers.boundedElastic())
        .map(tick -> condition.getAsBoolean())
        .filter(holds -> holds)
        .next()
        .timeout(Duration.ofSeconds(20));
  }
}
