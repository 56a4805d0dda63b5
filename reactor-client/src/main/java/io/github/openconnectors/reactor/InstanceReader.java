package io.github.openconnectors.reactor;

import io.github.openconnectors.core.InstanceToken;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads an instance's JSON into {@link Instance}, field by field from the parser: lenient about
 * shapes, ignoring unknown fields. It reads the tokens the decoder buffered for the item, without
 * building a tree first: in a profile of a long listing the tree took a fifth of the decoding.
 */
final class InstanceReader {

  private InstanceReader() {}

  /**
   * Reads one instance object.
   *
   * @param json a parser before the instance's {@code START_OBJECT}
   * @throws JsonItemDecoder.BodyException if it is no object, has no numeric id or an unusable
   *     token
   */
  static Instance read(JsonParser json) {
    if (json.nextToken() != JsonToken.START_OBJECT) {
      throw new JsonItemDecoder.BodyException("expected an instance object");
    }
    Long id = null;
    String name = null;
    InstanceToken token = null;
    Instance.Element element = null;
    boolean valid = false;
    boolean disabled = false;
    List<String> tags = List.of();
    Map<String, String> configuration = Map.of();
    Instant createdDate = null;
    Instant updatedDate = null;
    Instance.Owner user = null;
    String description = null;
    boolean cachingEnabled = false;
    boolean traceLoggingEnabled = false;
    boolean eventsEnabled = false;
    long cacheTimeToLive = 0;
    long maxCacheSize = 0;
    String channelName = null;
    Map<String, String> providerData = Map.of();
    for (String field = json.nextName(); field != null; field = json.nextName()) {
      json.nextToken();
      switch (field) {
        case "id" -> id = exactLong(json);
        case "name" -> name = text(json);
        case "token" -> token = token(json);
        case "element" -> element = element(json);
        case "valid" -> valid = bool(json);
        case "disabled" -> disabled = bool(json);
        case "tags" -> tags = tags(json);
        case "configuration" -> configuration = stringMap(json);
        case "createdDate" -> createdDate = instant(json);
        case "updatedDate" -> updatedDate = instant(json);
        case "user" -> user = owner(json);
        case "description" -> description = text(json);
        case "cachingEnabled" -> cachingEnabled = bool(json);
        case "traceLoggingEnabled" -> traceLoggingEnabled = bool(json);
        case "eventsEnabled" -> eventsEnabled = bool(json);
        case "cacheTimeToLive" -> cacheTimeToLive = number(json);
        case "maxCacheSize" -> maxCacheSize = number(json);
        case "channelName" -> channelName = text(json);
        case "providerData" -> providerData = stringMap(json);
        default -> json.skipChildren();
      }
    }
    if (id == null) {
      throw new JsonItemDecoder.BodyException("an instance has no numeric id");
    }
    return new Instance(
        id,
        name,
        token,
        element,
        valid,
        disabled,
        tags,
        configuration,
        createdDate,
        updatedDate,
        user,
        description,
        cachingEnabled,
        traceLoggingEnabled,
        eventsEnabled,
        cacheTimeToLive,
        maxCacheSize,
        channelName,
        providerData);
  }

  private static @Nullable InstanceToken token(JsonParser json) {
    String token = text(json);
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      return InstanceToken.of(token);
    } catch (IllegalArgumentException e) {
      // The message names the reason, never the token.
      throw new JsonItemDecoder.BodyException(
          "an instance has an unusable token: " + e.getMessage());
    }
  }

  private static Instance.@Nullable Element element(JsonParser json) {
    if (!json.isExpectedStartObjectToken()) {
      json.skipChildren();
      return null;
    }
    long id = 0;
    String key = null;
    String name = null;
    String hub = null;
    String authenticationType = null;
    for (String field = json.nextName(); field != null; field = json.nextName()) {
      json.nextToken();
      switch (field) {
        case "id" -> id = number(json);
        case "key" -> key = text(json);
        case "name" -> name = text(json);
        case "hub" -> hub = text(json);
        case "authenticationType" -> authenticationType = text(json);
        default -> json.skipChildren();
      }
    }
    return new Instance.Element(id, key, name, hub, authenticationType);
  }

  private static Instance.@Nullable Owner owner(JsonParser json) {
    if (!json.isExpectedStartObjectToken()) {
      json.skipChildren();
      return null;
    }
    long id = 0;
    String emailAddress = null;
    String firstName = null;
    String lastName = null;
    for (String field = json.nextName(); field != null; field = json.nextName()) {
      json.nextToken();
      switch (field) {
        case "id" -> id = number(json);
        case "emailAddress" -> emailAddress = text(json);
        case "firstName" -> firstName = text(json);
        case "lastName" -> lastName = text(json);
        default -> json.skipChildren();
      }
    }
    return new Instance.Owner(id, emailAddress, firstName, lastName);
  }

  /** Tags come as strings, or as {@code {"id", "name"}} objects. */
  private static List<String> tags(JsonParser json) {
    if (!json.isExpectedStartArrayToken()) {
      json.skipChildren();
      return List.of();
    }
    List<String> names = new ArrayList<>(4);
    for (JsonToken tag = json.nextToken(); tag != JsonToken.END_ARRAY; tag = json.nextToken()) {
      if (tag == JsonToken.VALUE_STRING) {
        names.add(json.getString());
      } else if (tag == JsonToken.START_OBJECT) {
        String name = null;
        for (String field = json.nextName(); field != null; field = json.nextName()) {
          json.nextToken();
          if (field.equals("name")) {
            name = text(json);
          } else {
            json.skipChildren();
          }
        }
        if (name != null) {
          names.add(name);
        }
      } else {
        json.skipChildren();
      }
    }
    return names;
  }

  /** An object's fields as text: strings as they are, other values as their JSON. */
  private static Map<String, String> stringMap(JsonParser json) {
    if (!json.isExpectedStartObjectToken()) {
      json.skipChildren();
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String field = json.nextName(); field != null; field = json.nextName()) {
      JsonToken value = json.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        values.put(field, json.getString());
      } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        values.put(field, json.getString());
      } else if (value.isStructStart()) {
        values.put(field, json.readValueAsTree().toString());
      }
    }
    return values;
  }

  /** ISO-8601 text or epoch milliseconds: the Swagger types the two dates differently. */
  private static @Nullable Instant instant(JsonParser json) {
    JsonToken value = json.currentToken();
    if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
      Long millis = exactLong(json);
      return millis == null ? null : Instant.ofEpochMilli(millis);
    }
    if (value == JsonToken.VALUE_STRING) {
      try {
        return Instant.parse(json.getString());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    json.skipChildren();
    return null;
  }

  /** A number that is a whole {@code long}, or null. */
  private static @Nullable Long exactLong(JsonParser json) {
    JsonToken value = json.currentToken();
    if (value == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType type = json.getNumberType();
      return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG
          ? json.getLongValue()
          : null;
    }
    if (value == JsonToken.VALUE_NUMBER_FLOAT) {
      double number = json.getDoubleValue();
      return number == Math.rint(number) && Math.abs(number) < 0x1p63 ? (long) number : null;
    }
    json.skipChildren();
    return null;
  }

  private static long number(JsonParser json) {
    Long value = exactLong(json);
    return value == null ? 0 : value;
  }

  private static boolean bool(JsonParser json) {
    JsonToken value = json.currentToken();
    if (value == JsonToken.VALUE_STRING) {
      return json.getString().equalsIgnoreCase("true");
    }
    json.skipChildren();
    return value == JsonToken.VALUE_TRUE;
  }

  private static @Nullable String text(JsonParser json) {
    if (json.currentToken() == JsonToken.VALUE_STRING) {
      return json.getString();
    }
    json.skipChildren();
    return null;
  }
}
