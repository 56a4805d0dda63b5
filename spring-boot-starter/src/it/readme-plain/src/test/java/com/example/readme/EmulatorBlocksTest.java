package com.example.readme;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The guide's emulator blocks (docs/emulator.md): the ones that start an emulator run. */
class EmulatorBlocksTest {

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR =
      OpenConnectorsEmulatorExtension.configured(builder -> builder.instances(10_000));

  @Test
  void theConfiguredExtensionServesItsInstances(OpenConnectorsEmulator emulator) {
    long first = emulator.firstGeneratedId();
    assertTrue(emulator.instance(first + 9_999).isPresent());
    assertFalse(emulator.instance(first + 10_000).isPresent());
  }

  @Test
  void anEmulatorStartedAndClosedByHand() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder()
        .instances(1_000_000)                                  // generated as served, not held in memory
        .instance(EmulatedInstance.builder(42, InstanceToken.of("my-token")).tags("prod").build())
        .start()) {
      String baseUrl = emulator.baseUrl();                    // http://127.0.0.1:<port>/elements/api-v2
      Credentials credentials = emulator.platformCredentials();
    }
  }

  void aRotation(OpenConnectorsEmulator emulator, OpenConnectorsClient client) {
    emulator.rotateUserSecret();                 // in a test: the old secret is refused from now on
    client.instance(42);                         // 401, one refresh of the source, re-sent, 200
  }

  void faultsStateChangesAndTheJournal(OpenConnectorsEmulator emulator) {
    emulator.inject(Fault.status(503).times(2));                    // the next 2 requests
    emulator.inject(Fault.tooManyRequests("3").onPath("/instances")); // 429 with Retry-After as given
    emulator.inject(Fault.tooManyRequests("2").during(Duration.ofSeconds(2))); // every request for 2 s from the first
    emulator.inject(Fault.latency(Duration.ofMillis(300)));
    emulator.inject(Fault.truncatedBody(100));                      // valid HTTP, body cut: malformed JSON
    emulator.inject(Fault.droppedConnection(1024));                 // Content-Length promised, connection closed
    emulator.inject(Fault.closedBeforeResponse().onMethod("POST"));  // the write is done, then no answer at all
    emulator.inject(Fault.trickle(64, Duration.ofMillis(50)).onPath("/instances").always());
    emulator.clearFaults();

    UserSecret fresh = emulator.rotateUserSecret();                  // the old one gets 401 from now on
    InstanceToken reissued = emulator.reissueInstanceToken(42);      // as re-provisioning does
    emulator.setInstanceDisabled(42, true);                          // connector requests get 403
    emulator.expireBearerTokens();                                   // every issued bearer token gets 401

    List<RecordedRequest> journal = emulator.journal();              // method, path, query, status,
    journal.get(0).credentialParts();                                // [USER, ORGANIZATION]
    journal.get(0).fingerprints();                                   // {USER=sha256:1a2b3c4d, ...}
  }
}
