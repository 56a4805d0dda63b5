package io.github.openconnectors.reactor;

import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;

/** Helpers shared by the client's tests. */
final class ClientTests {

  private ClientTests() {}

  static OpenConnectorsClient client(OpenConnectorsEmulator emulator) {
    return client(emulator, UnaryOperator.identity());
  }

  // Each client the helpers made, with the watch on its pool.
  private static final Map<OpenConnectorsClient, PoolWatch> WATCHES =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * A client of the emulator, with fast retries and a watch on its pool (a configuration that sets
   * its own {@code connectionPool} replaces the watch).
   */
  static OpenConnectorsClient client(
      OpenConnectorsEmulator emulator, UnaryOperator<OpenConnectorsClient.Builder> configuration) {
    PoolWatch watch = new PoolWatch();
    OpenConnectorsClient client =
        configuration
            .apply(
                OpenConnectorsClient.builder()
                    .baseUrl(emulator.baseUrl())
                    .credentials(emulator.platformCredentials())
                    .connectionPool(watch::install)
                    .retry(
                        RetryPolicy.defaults()
                            .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))))
            .build();
    WATCHES.put(client, watch);
    return client;
  }

  /** The watch on the pool of a client the helpers made. */
  static PoolWatch pool(OpenConnectorsClient client) {
    PoolWatch watch = WATCHES.get(client);
    if (watch == null) {
      throw new IllegalArgumentException("the client was not made by ClientTests.client");
    }
    return watch;
  }

  static List<RecordedRequest> requests(OpenConnectorsEmulator emulator, String path) {
    return emulator.journal().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits, without blocking a Reactor thread, until the pool has no connection in use. */
  static void awaitPoolIdle(OpenConnectorsClient client) {
    Flux.interval(Duration.ofMillis(5))
        .map(tick -> pool(client).acquired())
        .filter(acquired -> acquired == 0)
        .next()
        .block(Duration.ofSeconds(5));
  }

  static String fingerprint(RecordedRequest request, CredentialPart part) {
    return request.fingerprints().get(part);
  }
}
