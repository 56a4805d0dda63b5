package io.github.openconnectors.reactor;

import io.github.openconnectors.core.InstanceToken;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Maps an instance's JSON to {@link Instance}: lenient about shapes, ignoring unknown fields. */
final class InstanceReader {

  private InstanceReader() {}

  static Instance read(JsonNode json) {
    if (!json.isObject()) {
      throw new JsonItemDecoder.BodyException("expected an instance object");
    }
    JsonNode id = json.path("id");
    if (!id.isNumber() || !id.canConvertToLong()) {
      throw new JsonItemDecoder.BodyException("an instance has no numeric id");
    }
    return new Instance(
        id.asLong(),
        text(json, "name"),
        token(json.path("token")),
        element(json.path("element")),
        json.path("valid").asBoolean(false),
        json.path("disabled").asBoolean(false),
        tags(json.path("tags")),
        stringMap(json.path("configuration")),
        instant(json.path("createdDate")),
        instant(json.path("updatedDate")),
        owner(json.path("user")),
        text(json, "description"),
        json.path("cachingEnabled").asBoolean(false),
        json.path("traceLoggingEnabled").asBoolean(false),
        json.path("eventsEnabled").asBoolean(false),
        json.path("cacheTimeToLive").asLong(0),
        json.path("maxCacheSize").asLong(0),
        text(json, "channelName"),
        stringMap(json.path("providerData")));
  }

  private static @Nullable InstanceToken token(JsonNode token) {
    if (!token.isString() || token.asString().isEmpty()) {
      return null;
    }
    try {
      return InstanceToken.of(token.asString());
    } catch (IllegalArgumentException e) {
      // The message names the reason, never the token.
      throw new JsonItemDecoder.BodyException(
          "an instance has an unusable token: " + e.getMessage());
    }
  }

  private static Instance.@Nullable Element element(JsonNode element) {
    if (!element.isObject()) {
      return null;
    }
    return new Instance.Element(
        element.path("id").asLong(0),
        text(element, "key"),
        text(element, "name"),
        text(element, "hub"),
        text(element, "authenticationType"));
  }

  private static Instance.@Nullable Owner owner(JsonNode user) {
    if (!user.isObject()) {
      return null;
    }
    return new Instance.Owner(
        user.path("id").asLong(0),
        text(user, "emailAddress"),
        text(user, "firstName"),
        text(user, "lastName"));
  }

  /** Tags come as strings, or as {@code {"id", "name"}} objects. */
  private static List<String> tags(JsonNode tags) {
    if (!tags.isArray()) {
      return List.of();
    }
    List<String> names = new ArrayList<>(tags.size());
    for (JsonNode tag : tags) {
      if (tag.isString()) {
        names.add(tag.asString());
      } else if (tag.path("name").isString()) {
        names.add(tag.path("name").asString());
      }
    }
    return names;
  }

  /** An object's fields as text: strings as they are, other values as their JSON. */
  private static Map<String, String> stringMap(JsonNode object) {
    if (!object.isObject()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      JsonNode value = entry.getValue();
      if (!value.isNull()) {
        values.put(entry.getKey(), value.isString() ? value.asString() : value.toString());
      }
    }
    return values;
  }

  /** ISO-8601 text or epoch milliseconds: the Swagger types the two dates differently. */
  private static @Nullable Instant instant(JsonNode date) {
    if (date.isNumber()) {
      return Instant.ofEpochMilli(date.asLong());
    }
    if (date.isString()) {
      try {
        return Instant.parse(date.asString());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable String text(JsonNode json, String field) {
    JsonNode value = json.path(field);
    return value.isString() ? value.asString() : null;
  }
}
