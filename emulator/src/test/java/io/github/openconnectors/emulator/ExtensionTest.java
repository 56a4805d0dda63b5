package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
    void servesTheDocumentedNumberOfInstancesByDefault(OpenConnectorsEmulator emulator) {
      assertThat(
              new Http(emulator)
                  .get("/instances", emulator.platformCredentials(), ApiKind.PLATFORM)
                  .headers()
                  .firstValue("Elements-Total-Count"))
          .hasValue(Integer.toString(OpenConnectorsEmulatorExtension.DEFAULT_INSTANCES));
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

  /** As a Spring test uses it: properties read before the class's callbacks run. */
  @Test
  void givesTheStartersPropertiesStartingTheEmulatorWhenFirstReadAndClosesItAfterTheClass() {
    OpenConnectorsEmulatorExtension extension = new OpenConnectorsEmulatorExtension();
    Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
    extension.properties(properties::put);

    assertThat(properties)
        .containsOnlyKeys(
            "openconnectors.base-url",
            "openconnectors.user-secret",
            "openconnectors.organization-secret");
    OpenConnectorsEmulator emulator = extension.emulator();
    assertThat(properties.get("openconnectors.base-url").get()).isEqualTo(emulator.baseUrl());
    assertThat(properties.get("openconnectors.user-secret").get())
        .isEqualTo(emulator.userSecret().reveal());
    assertThat(properties.get("openconnectors.organization-secret").get())
        .isEqualTo(emulator.organizationSecret().reveal());
    assertThat(extension.emulator()).isSameAs(emulator);
    emulator.rotateUserSecret();
    assertThat(properties.get("openconnectors.user-secret").get())
        .as("read when asked for")
        .isEqualTo(emulator.userSecret().reveal());
    emulator.close();
  }

  @Nested
  class RegisteredOnAField {

    @RegisterExtension
    static final OpenConnectorsEmulatorExtension EXTENSION = new OpenConnectorsEmulatorExtension();

    static String baseUrlReadEarly;

    // Runs before any callback of this class, as Spring's @DynamicPropertySource does.
    static {
      Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
      EXTENSION.properties(properties::put);
      baseUrlReadEarly = (String) properties.get("openconnectors.base-url").get();
    }

    @Test
    void injectsTheEmulatorWhosePropertiesWereReadFirst(OpenConnectorsEmulator emulator) {
      assertThat(emulator.baseUrl()).isEqualTo(baseUrlReadEarly);
      assertThat(emulator).isSameAs(EXTENSION.emulator());
    }
  }
}
