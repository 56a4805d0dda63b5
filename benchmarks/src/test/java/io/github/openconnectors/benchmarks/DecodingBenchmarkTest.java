package io.github.openconnectors.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each way of decoding the page does the work its name claims, over the whole page. */
class DecodingBenchmarkTest {

  @Test
  void everyWayReadsTheWholePage() throws Exception {
    DecodingBenchmark benchmark = new DecodingBenchmark();
    benchmark.setUp();
    JsonNode page = JsonMapper.builder().build().readTree(benchmark.page());
    assertThat(page.size()).isEqualTo(Target.PAGE_SIZE);
    long ids = 0;
    for (JsonNode instance : page) {
      ids += instance.get("id").asLong();
    }
    List<JsonNode> strings = new ArrayList<>();
    collectStrings(page, strings);

    assertThat(benchmark.clientDecoder()).isEqualTo(ids);
    assertThat(benchmark.clientReader()).isEqualTo(ids);
    assertThat(benchmark.tokensAndStrings())
        .isEqualTo(strings.stream().mapToLong(text -> text.asString().length()).sum());
    // At least a start, a name and a value per field of every instance.
    assertThat(benchmark.tokens()).isGreaterThan(40L * Target.PAGE_SIZE);
  }

  private static void collectStrings(JsonNode node, List<JsonNode> strings) {
    if (node.isString()) {
      strings.add(node);
    }
    for (JsonNode child : node) {
      collectStrings(child, strings);
    }
  }
}
