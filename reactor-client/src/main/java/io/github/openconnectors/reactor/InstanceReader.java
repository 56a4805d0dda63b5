package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.InstanceToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.Named;

/**
 * Reads an instance's JSON into {@link Instance}, field by field from the parser: lenient about
 * shapes, ignoring unknown fields. It reads the tokens the decoder buffered for the item, without
 * building a tree first: in a profile of a long listing the tree took a fifth of the decoding.
 */
final class InstanceReader {

  /** The fields read, in the order of their indexes in {@link #INSTANCE_FIELDS}. */
  private enum Field {
    ID("id"),
    NAME("name"),
    TOKEN("token"),
    ELEMENT("element"),
    VALID("valid"),
    DISABLED("disabled"),
    TAGS("tags"),
    CONFIGURATION("configuration"),
    CREATED_DATE("createdDate"),
    UPDATED_DATE("updatedDate"),
    USER("user"),
    DESCRIPTION("description"),
    CACHING_ENABLED("cachingEnabled"),
    TRACE_LOGGING_ENABLED("traceLoggingEnabled"),
    EVENTS_ENABLED("eventsEnabled"),
    CACHE_TIME_TO_LIVE("cacheTimeToLive"),
    MAX_CACHE_SIZE("maxCacheSize"),
    CHANNEL_NAME("channelName"),
    PROVIDER_DATA("providerData");

    static final Field[] BY_INDEX = values();

    final String json;

    Field(String json) {
      this.json = json;
    }
  }

  // Jackson's own matcher of property names, as its data binding uses: a name is matched by its
  // bytes, without making a String of it and switching on that.
  private static final PropertyNameMatcher INSTANCE_FIELDS =
      matcher(Arrays.stream(Field.BY_INDEX).map(field -> field.json).toList());
  private static final PropertyNameMatcher ELEMENT_FIELDS =
      matcher(List.of("id", "key", "name", "hub", "authenticationType"));
  private static final PropertyNameMatcher OWNER_FIELDS =
      matcher(List.of("id", "emailAddress", "firstName", "lastName"));

  private InstanceReader() {}

  /** A matcher as Jackson's JSON factory makes them for data binding. */
  private static PropertyNameMatcher matcher(List<String> names) {
    return JsonFactory.builder()
        .build()
        .constructNameMatcher(names.stream().map(Named::fromString).toList(), false);
  }

  /** {@code GET /instances/{id}}, with platform credentials. */
  static Mono<Instance> lookUp(Requests requests, long id) {
    return requests.getObject(
        ApiKind.PLATFORM,
        new RequestUri("/instances/{id}", "/instances/" + id),
        InstanceReader::read);
  }

  /**
   * Reads one instance object.
   *
   * @param json a parser at the instance's {@code START_OBJECT}, or just before it; left at its
   *     {@code END_OBJECT}
   * @throws JsonItemDecoder.BodyException if it is no object, has no numeric id or an unusable
   *     token
   */
  static Instance read(JsonParser json) {
    JsonToken start = json.hasCurrentToken() ? json.currentToken() : json.nextToken();
    if (start != JsonToken.START_OBJECT) {
      throw new JsonItemDecoder.BodyException("expected an instance object");
    }
    long id = 0;
    boolean hasId = false;
    String name = null;
    InstanceToken token = null;
    Instance.Element element = null;
    boolean valid = false;
    boolean disabled = false;
    List<String> tags = List.of();
    Map<String, String> configuration = Map.of();
    Object createdDate = null;
    Object updatedDate = null;
    Instance.Owner user = null;
    String description = null;
    boolean cachingEnabled = false;
    boolean traceLoggingEnabled = false;
    boolean eventsEnabled = false;
    long cacheTimeToLive = 0;
    long maxCacheSize = 0;
    String channelName = null;
    Map<String, String> providerData = Map.of();
    for (int field = nextField(json, INSTANCE_FIELDS);
        field != PropertyNameMatcher.MATCH_END_OBJECT;
        field = nextField(json, INSTANCE_FIELDS)) {
      if (field < 0) {
        json.skipChildren();
        continue;
      }
      switch (Field.BY_INDEX[field]) {
        case ID -> {
          hasId = isWholeNumber(json);
          id = hasId ? wholeNumber(json) : 0;
          json.skipChildren();
        }
        case NAME -> name = text(json);
        case TOKEN -> token = token(json);
        case ELEMENT -> element = element(json);
        case VALID -> valid = bool(json);
        case DISABLED -> disabled = bool(json);
        case TAGS -> tags = tags(json);
        case CONFIGURATION -> configuration = stringMap(json);
        case CREATED_DATE -> createdDate = date(json);
        case UPDATED_DATE -> updatedDate = date(json);
        case USER -> user = owner(json);
        case DESCRIPTION -> description = text(json);
        case CACHING_ENABLED -> cachingEnabled = bool(json);
        case TRACE_LOGGING_ENABLED -> traceLoggingEnabled = bool(json);
        case EVENTS_ENABLED -> eventsEnabled = bool(json);
        case CACHE_TIME_TO_LIVE -> cacheTimeToLive = number(json);
        case MAX_CACHE_SIZE -> maxCacheSize = number(json);
        case CHANNEL_NAME -> channelName = text(json);
        case PROVIDER_DATA -> providerData = stringMap(json);
      }
    }
    if (!hasId) {
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

  /**
   * Moves to the next field's value.
   *
   * @return the field's index in {@code fields}, a negative index for a field not in it, or {@link
   *     PropertyNameMatcher#MATCH_END_OBJECT} at the object's end
   */
  private static int nextField(JsonParser json, PropertyNameMatcher fields) {
    int field = json.nextNameMatch(fields);
    if (field != PropertyNameMatcher.MATCH_END_OBJECT) {
      json.nextToken();
    }
    return field;
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
    for (int field = nextField(json, ELEMENT_FIELDS);
        field != PropertyNameMatcher.MATCH_END_OBJECT;
        field = nextField(json, ELEMENT_FIELDS)) {
      switch (field) {
        case 0 -> id = number(json);
        case 1 -> key = text(json);
        case 2 -> name = text(json);
        case 3 -> hub = text(json);
        case 4 -> authenticationType = text(json);
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
    for (int field = nextField(json, OWNER_FIELDS);
        field != PropertyNameMatcher.MATCH_END_OBJECT;
        field = nextField(json, OWNER_FIELDS)) {
      switch (field) {
        case 0 -> id = number(json);
        case 1 -> emailAddress = text(json);
        case 2 -> firstName = text(json);
        case 3 -> lastName = text(json);
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
    if (json.nextToken() == JsonToken.END_ARRAY) {
      return List.of();
    }
    List<String> names = new ArrayList<>(2);
    for (JsonToken tag = json.currentToken(); tag != JsonToken.END_ARRAY; tag = json.nextToken()) {
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
    return List.copyOf(names);
  }

  /** An object's fields as text: strings as they are, other values as their JSON. */
  private static Map<String, String> stringMap(JsonParser json) {
    if (!json.isExpectedStartObjectToken()) {
      json.skipChildren();
      return Map.of();
    }
    String field = json.nextName();
    if (field == null) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (; field != null; field = json.nextName()) {
      JsonToken value = json.nextToken();
      if (value == JsonToken.VALUE_STRING) {
        values.put(field, json.getString());
      } else if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
        values.put(field, json.getString());
      } else if (value.isStructStart()) {
        values.put(field, json.readValueAsTree().toString());
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /**
   * Epoch milliseconds as an {@link Instant}, or ISO-8601 text as it is, for {@link Instance} to
   * parse when asked: the Swagger types the two dates differently.
   */
  private static @Nullable Object date(JsonParser json) {
    JsonToken value = json.currentToken();
    if (isWholeNumber(json)) {
      return Instant.ofEpochMilli(wholeNumber(json));
    }
    if (value == JsonToken.VALUE_STRING) {
      return json.getString();
    }
    json.skipChildren();
    return null;
  }

  /** Whether the current value is a number that is a whole {@code long}. */
  private static boolean isWholeNumber(JsonParser json) {
    JsonToken value = json.currentToken();
    if (value == JsonToken.VALUE_NUMBER_INT) {
      JsonParser.NumberType type = json.getNumberType();
      return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG;
    }
    if (value == JsonToken.VALUE_NUMBER_FLOAT) {
      double number = json.getDoubleValue();
      return number == Math.rint(number) && Math.abs(number) < 0x1p63;
    }
    return false;
  }

  /** The current value, which {@link #isWholeNumber} accepted. */
  private static long wholeNumber(JsonParser json) {
    return json.currentToken() == JsonToken.VALUE_NUMBER_INT
        ? json.getLongValue()
        : (long) json.getDoubleValue();
  }

  /** A whole number, or 0 for anything else. */
  private static long number(JsonParser json) {
    if (isWholeNumber(json)) {
      return wholeNumber(json);
    }
    json.skipChildren();
    return 0;
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
