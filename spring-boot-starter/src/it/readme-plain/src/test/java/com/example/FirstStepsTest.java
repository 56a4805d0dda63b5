package com.example;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

@ExtendWith(OpenConnectorsEmulatorExtension.class)        // one emulator per test class
class FirstStepsTest {
  @Test
  void listsInstances(OpenConnectorsEmulator emulator) {   // injected
    try (OpenConnectorsClient client = OpenConnectorsClient.builder()
            .baseUrl(emulator.baseUrl())                   // http://127.0.0.1:<port>/elements/api-v2
            .credentials(emulator.platformCredentials())
            .build()) {
      StepVerifier.create(client.instances().count())
          .expectNext(25L)                                 // the extension's emulator serves 25
          .verifyComplete();
    }
  }
}
