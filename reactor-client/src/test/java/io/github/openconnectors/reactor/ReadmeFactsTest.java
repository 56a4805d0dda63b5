package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guide's pages on the client (docs/client.md, docs/listings.md) name the client's constants
 * with their values, for readers: the values must be the constants' own, so that the code stays the
 * one source of each fact.
 */
class ReadmeFactsTest {

  private static final Pattern CONSTANT =
      Pattern.compile("`OpenConnectorsClient\\.([A-Z_]+)`\\s+\\((\\d+)\\)");

  @Test
  void everyConstantTheReadmeQuotesHasItsValueThere() throws Exception {
    String readme =
        Files.readString(Path.of("..", "docs", "client.md"))
            + Files.readString(Path.of("..", "docs", "listings.md"));
    Matcher quoted = CONSTANT.matcher(readme);
    int found = 0;
    while (quoted.find()) {
      Object value = OpenConnectorsClient.class.getField(quoted.group(1)).get(null);
      assertThat(value).as(quoted.group(1)).isEqualTo(Integer.parseInt(quoted.group(2)));
      found++;
    }
    assertThat(found).isGreaterThanOrEqualTo(2);
  }
}
