package io.github.openconnectors.reactor;

import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;

/** Helpers shared by the client's tests. */
final class ClientTests {

  private ClientTests() {}

  static OpenConnectorsClient client(OpenConnectorsEmulator emulator) {
    return client(emulator, UnaryOperator.identity());
  }

  static OpenConnectorsClient client(
      OpenConnectorsEmulator emulator, UnaryOperator<OpenConnectorsClient.Builder> configuration) {
    return configuration
        .apply(
            OpenConnectorsClient.builder()
                .baseUrl(emulator.baseUrl())
                .credentials(emulator.platformCredentials())
                .retry(
                    RetryPolicy.defaults()
                        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20))))
        .build();
  }

  static List<RecordedRequest> requests(OpenConnectorsEmulator emulator, String path) {
    return emulator.journal().stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits, without blocking a Reactor thread, until the pool has no connection in use. */
  static void awaitPoolIdle(OpenConnectorsClient client) {
    Flux.interval(Duration.ofMillis(5))
        .map(tick -> client.poolMetrics().values().stream().mapToInt(m -> m.acquiredSize()).sum())
        .filter(acquired -> acquired == 0)
        .next()
        .block(Duration.ofSeconds(5));
  }

  static String fingerprint(RecordedRequest request, CredentialPart part) {
    return request.fingerprints().get(part);
  }
}
