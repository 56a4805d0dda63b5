package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.reactor.Instance;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An instance as the tool prints it in JSON: what identifies and describes it, and its token's
 * fingerprint, never the token (nor the configuration, whose values may be credentials).
 */
final class InstanceJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private InstanceJson() {}

  static ObjectNode of(Instance instance) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("id", instance.id());
    json.put("name", instance.name().orElse(null));
    instance
        .element()
        .ifPresent(
            element ->
                json.putObject("connector")
                    .put("id", element.id())
                    .put("key", element.key())
                    .put("name", element.name())
                    .put("hub", element.hub()));
    ArrayNode tags = json.putArray("tags");
    instance.tags().forEach(tags::add);
    json.put("disabled", instance.disabled());
    json.put("valid", instance.valid());
    json.put("createdDate", instance.createdDate().map(Instant::toString).orElse(null));
    json.put("updatedDate", instance.updatedDate().map(Instant::toString).orElse(null));
    json.put("tokenFingerprint", instance.token().map(InstanceToken::fingerprint).orElse(null));
    return json;
  }
}
