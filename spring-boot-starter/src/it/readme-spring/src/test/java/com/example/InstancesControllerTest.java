package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InstancesControllerTest {
  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

  @DynamicPropertySource
  static void openConnectors(DynamicPropertyRegistry registry) {
    EMULATOR.properties(registry::add); // openconnectors.base-url, user-secret, organization-secret
  }

  @Autowired OpenConnectorsClient client;
  @LocalServerPort int port;

  @Test
  void listsTheEmulatorsInstances() {
    EMULATOR.emulator().clearJournal();                   // the running emulator: faults, journal
    StepVerifier.create(client.instances().count()).expectNext(25L).verifyComplete();
    assertThat(EMULATOR.emulator().journal()).hasSize(1); // one page
  }

  @Test
  void streamsThemAsNdjson() {
    WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
        .get().uri("/instances").accept(MediaType.APPLICATION_NDJSON)
        .exchange()
        .expectStatus().isOk()
        .returnResult(JsonNode.class)                     // not Instance: the view has no secrets
        .getResponseBody()
        .as(StepVerifier::create)
        .assertNext(instance -> assertThat(instance.has("tokenFingerprint")).isTrue())
        .expectNextCount(24)
        .verifyComplete();
  }
}
