package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExtensionTest {

  @Nested
  @ExtendWith(OpenConnectorsEmulatorExtension.class)
  class Declared {

    static OpenConnectorsEmulator started;

    @BeforeAll
    static void remember(OpenConnectorsEmulator emulator) {
      started = emulator;
    }

    @Test
    void injectsARunningEmulator(OpenConnectorsEmulator emulator) {
      assertThat(
              new Http(emulator)
                  .get("/instances", emulator.platformCredentials(), ApiKind.PLATFORM)
                  .statusCode())
          .isEqualTo(200);
    }

    @Test
    void injectsTheSameOneIntoEveryTestOfTheClass(OpenConnectorsEmulator emulator) {
      assertThat(emulator).isSameAs(started);
    }

    @Nested
    class Inner {
      @Test
      void sharesTheOuterClassEmulator(OpenConnectorsEmulator emulator) {
        assertThat(emulator).isSameAs(started);
      }
    }
  }

  @Nested
  class Configured {

    @RegisterExtension
    static OpenConnectorsEmulatorExtension extension =
        OpenConnectorsEmulatorExtension.configured(builder -> builder.instances(7));

    @Test
    void startsItAsConfigured(OpenConnectorsEmulator emulator) {
      assertThat(
              new Http(emulator)
                  .get("/instances", emulator.platformCredentials(), ApiKind.PLATFORM)
                  .headers()
                  .firstValue("Elements-Total-Count"))
          .hasValue("7");
    }
  }
}
