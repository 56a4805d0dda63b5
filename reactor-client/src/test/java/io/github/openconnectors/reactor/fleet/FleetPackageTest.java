package io.github.openconnectors.reactor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fleet SPI stands alone: none of its sources imports the client's package, so that the
 * client's package imports this one and never the other way round (no cycle), and a store such as
 * {@code openconnectors-redis} implements it from these types alone.
 */
class FleetPackageTest {

  private static final Path SOURCES =
      Path.of("src", "main", "java", "io", "github", "openconnectors", "reactor", "fleet");
  private static final Pattern CLIENT_IMPORT =
      Pattern.compile(
          "^import (static )?io\\.github\\.openconnectors\\.reactor\\.(?!fleet\\.)",
          Pattern.MULTILINE);

  @Test
  void noSourceOfTheFleetPackageImportsTheClientsPackage() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.list(SOURCES)) {
      sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(sources).as("the package's sources").hasSizeGreaterThanOrEqualTo(6);
    for (Path source : sources) {
      assertThat(CLIENT_IMPORT.matcher(Files.readString(source)).find())
          .as("%s imports io.github.openconnectors.reactor", source.getFileName())
          .isFalse();
    }
  }

  @Test
  void theCheckFindsAnImportOfTheClient() {
    assertThat(
            CLIENT_IMPORT
                .matcher("package x;\n\nimport io.github.openconnectors.reactor.Pacing;\n")
                .find())
        .isTrue();
    assertThat(
            CLIENT_IMPORT
                .matcher("import io.github.openconnectors.reactor.fleet.RateBudget;\n")
                .find())
        .isFalse();
  }
}
