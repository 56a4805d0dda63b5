package io.github.openconnectors.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import org.junit.jupiter.api.Test;

class DemoDataTest {

  @Test
  void theNamedDemoInstancesReportTheirOwnConnectors() {
    try (OpenConnectorsEmulator emulator = DemoData.start("127.0.0.1", 0, 0)) {
      long crm = emulator.instance(DemoData.CRM_INSTANCE).orElseThrow().element().id();
      long helpdesk = emulator.instance(1235).orElseThrow().element().id();

      assertThat(crm).isNotEqualTo(helpdesk);
      assertThat(emulator.instance(1235).map(EmulatedInstance::element))
          .hasValueSatisfying(element -> assertThat(element.key()).isEqualTo("zendesk"));
    }
  }

  @Test
  void instancesGetHelpDescribesEveryFormatItLists() {
    CliRun.Result help = CliRun.run(java.util.Map.of(), "instances", "get", "--help");

    // Help wraps its lines: compare with the spaces folded.
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("table|json|ndjson")
        .contains("table: a line per field")
        .contains("json: one object, indented")
        .contains("ndjson: one object on one line");
  }
}
