package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.InstanceToken;
import org.junit.jupiter.api.Test;

class ConnectorIdsTest {

  static EmulatedInstance withConnector(long id, String key) {
    return EmulatedInstance.builder(id, InstanceToken.of("token-" + id))
        .element(key, key, "hub")
        .build();
  }

  @Test
  void fixturesOfDifferentConnectorsNeverShareAConnectorId() {
    assertThat(withConnector(1, "sfdc").element().id()).isEqualTo(3);
    assertThat(withConnector(2, "zendesk").element().id()).isEqualTo(34);
    assertThat(withConnector(3, "my-own-connector").element().id())
        .isEqualTo(withConnector(4, "my-own-connector").element().id())
        .isNotIn(3L, 34L)
        .isGreaterThanOrEqualTo(1_000);
    assertThat(withConnector(5, "another-connector").element().id())
        .isNotEqualTo(withConnector(6, "my-own-connector").element().id());
  }
}
