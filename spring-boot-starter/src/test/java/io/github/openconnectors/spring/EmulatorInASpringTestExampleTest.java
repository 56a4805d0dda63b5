package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.test.StepVerifier;

/** The README's Spring test, as written there: keep the two alike. */
@SpringBootTest
class EmulatorInASpringTestExampleTest {

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

  @DynamicPropertySource
  static void openConnectors(DynamicPropertyRegistry registry) {
    EMULATOR.properties(registry::add); // openconnectors.base-url, user-secret, organization-secret
  }

  @Autowired OpenConnectorsClient client;

  @Test
  void listsTheEmulatorsInstances() {
    StepVerifier.create(client.instances().count()).expectNext(25L).verifyComplete();
    assertThat(EMULATOR.emulator().journal()).hasSize(1); // the running emulator: faults, journal
  }
}
