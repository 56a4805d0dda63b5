package io.github.openconnectors.emulator;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Writes the service's JSON bodies with Jackson's streaming generator. */
final class Json {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  // Resolved here, once: resolving a deserializer on an event loop would take a lock.
  static final ObjectReader TREES = MAPPER.readerFor(JsonNode.class);

  private static final Map<String, String> CONFIGURATION =
      Map.of(
          "base.url", "https://api.provider.example.com",
          "oauth.api.key", "********",
          "oauth.api.secret", "********",
          "event.notification.enabled", "false");

  private Json() {}

  static byte[] write(Consumer<JsonGenerator> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = MAPPER.createGenerator(bytes)) {
      body.accept(json);
    }
    return bytes.toByteArray();
  }

  /**
   * A flat object of strings, numbers and booleans, written without databind's serializer cache.
   */
  static byte[] object(Map<String, ?> fields) {
    return write(
        json -> {
          json.writeStartObject();
          fields.forEach((name, value) -> field(json, name, value));
          json.writeEndObject();
        });
  }

  private static void field(JsonGenerator json, String name, Object value) {
    if (value instanceof Number number) {
      json.writeNumberProperty(name, number.longValue());
    } else if (value instanceof Boolean flag) {
      json.writeBooleanProperty(name, flag);
    } else {
      json.writeStringProperty(name, String.valueOf(value));
    }
  }

  /**
   * An event's notification, in the shape the service's event guide shows: a {@code message} with
   * the instance, the event's id and date, the changes (each with its type, object type and id),
   * and the connected system's {@code raw} change.
   */
  static byte[] notification(
      EmulatedInstance instance, EventLog.Event event, Map<String, Object> change) {
    String eventType =
        switch (String.valueOf(change.get("action"))) {
          case "create" -> "CREATED";
          case "delete" -> "DELETED";
          default -> "UPDATED";
        };
    return write(
        json -> {
          json.writeStartObject();
          json.writeName("message");
          json.writeStartObject();
          json.writeStringProperty("eventId", Long.toString(event.id()));
          json.writeNumberProperty("instanceId", instance.id());
          json.writeNumberProperty("instance_id", instance.id());
          json.writeStringProperty("instanceName", instance.name());
          json.writeStringProperty("elementKey", instance.element().key());
          json.writeName("instance_tags");
          json.writeStartArray();
          instance.tags().forEach(json::writeString);
          json.writeEndArray();
          json.writeNumberProperty("accountId", 1);
          json.writeNumberProperty("companyId", 1);
          json.writeNumberProperty("userId", 7);
          json.writeStringProperty("pollDate", event.eventDate().toString());
          json.writeName("events");
          json.writeStartArray();
          json.writeStartObject();
          json.writeStringProperty("date", event.eventDate().toString());
          json.writeStringProperty("elementKey", instance.element().key());
          json.writeStringProperty("eventType", eventType);
          json.writeStringProperty("objectType", String.valueOf(change.get("objectType")));
          if (change.containsKey("objectId")) {
            json.writeStringProperty("objectId", String.valueOf(change.get("objectId")));
          }
          json.writeEndObject();
          json.writeEndArray();
          json.writeName("raw");
          json.writeStartObject();
          change.forEach((name, value) -> field(json, name, value));
          json.writeEndObject();
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  static byte[] error(String requestId, String message, @Nullable String providerMessage) {
    return write(
        json -> {
          json.writeStartObject();
          json.writeStringProperty("requestId", requestId);
          json.writeStringProperty("message", message);
          if (providerMessage != null) {
            json.writeStringProperty("providerMessage", providerMessage);
          }
          json.writeEndObject();
        });
  }

  static byte[] instances(List<EmulatedInstance> instances, boolean hydrate) {
    return write(
        json -> {
          json.writeStartArray();
          for (EmulatedInstance instance : instances) {
            instance(json, instance, hydrate);
          }
          json.writeEndArray();
        });
  }

  static byte[] instance(EmulatedInstance instance, boolean hydrate) {
    return write(json -> instance(json, instance, hydrate));
  }

  /** The fields of the Swagger's ElementInstance, plus those live responses show. */
  private static void instance(JsonGenerator json, EmulatedInstance instance, boolean hydrate) {
    EmulatedInstance.ConnectorElement element = instance.element();
    json.writeStartObject();
    json.writeNumberProperty("id", instance.id());
    json.writeStringProperty("name", instance.name());
    json.writeStringProperty("token", instance.token().reveal());
    json.writeName("element");
    json.writeStartObject();
    json.writeNumberProperty("id", element.id());
    json.writeStringProperty("key", element.key());
    json.writeStringProperty("name", element.name());
    json.writeStringProperty("hub", element.hub());
    json.writeStringProperty("authenticationType", element.authenticationType());
    json.writeBooleanProperty("active", true);
    json.writeBooleanProperty("deleted", false);
    json.writeBooleanProperty("typeOauth", element.authenticationType().startsWith("oauth"));
    json.writeBooleanProperty("trialAccount", false);
    json.writeBooleanProperty("transformationsEnabled", true);
    json.writeEndObject();
    json.writeNumberProperty("elementId", element.id());
    json.writeName("provisionInteractions");
    json.writeStartArray();
    json.writeEndArray();
    json.writeBooleanProperty("valid", instance.valid());
    json.writeBooleanProperty("disabled", instance.disabled());
    json.writeNumberProperty("maxCacheSize", 0);
    json.writeNumberProperty("cacheTimeToLive", 0);
    if (hydrate) {
      json.writeName("configuration");
      json.writeStartObject();
      CONFIGURATION.forEach(json::writeStringProperty);
      json.writeEndObject();
    }
    json.writeBooleanProperty("eventsEnabled", instance.eventNotifications().isPresent());
    json.writeBooleanProperty("traceLoggingEnabled", false);
    json.writeBooleanProperty("cachingEnabled", false);
    json.writeStringProperty("externalAuthentication", "none");
    json.writeName("user");
    json.writeStartObject();
    json.writeNumberProperty("id", 7);
    json.writeStringProperty("emailAddress", "owner@example.com");
    json.writeStringProperty("firstName", "Ada");
    json.writeStringProperty("lastName", "Lovelace");
    json.writeEndObject();
    json.writeName("tags");
    json.writeStartArray();
    for (String tag : instance.tags()) {
      // Hydrated listings carry tag detail, as one documented payload shows.
      if (hydrate) {
        json.writeStartObject();
        json.writeNumberProperty("id", Math.abs(tag.hashCode() % 1000) + 1);
        json.writeStringProperty("name", tag);
        json.writeEndObject();
      } else {
        json.writeString(tag);
      }
    }
    json.writeEndArray();
    // The Swagger types createdDate as a string and updatedDate as a number: so does the service.
    json.writeStringProperty("createdDate", instance.createdDate().toString());
    json.writeNumberProperty("updatedDate", instance.updatedDate().toEpochMilli());
    json.writeStringProperty("description", "Emulated " + element.name() + " instance");
    json.writeStringProperty("channelName", element.key() + "-" + instance.id());
    json.writeName("providerData");
    json.writeStartObject();
    json.writeEndObject();
    json.writeEndObject();
  }

  /** A tree, such as a stored record, written with the streaming generator. */
  static byte[] tree(JsonNode node) {
    return write(json -> tree(json, node));
  }

  /** Trees as a JSON array. */
  static byte[] trees(List<? extends JsonNode> nodes) {
    return write(
        json -> {
          json.writeStartArray();
          nodes.forEach(node -> tree(json, node));
          json.writeEndArray();
        });
  }

  private static void tree(JsonGenerator json, JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        json.writeStartObject();
        for (Map.Entry<String, JsonNode> property : node.properties()) {
          json.writeName(property.getKey());
          tree(json, property.getValue());
        }
        json.writeEndObject();
      }
      case ARRAY -> {
        json.writeStartArray();
        for (JsonNode element : node.values()) {
          tree(json, element);
        }
        json.writeEndArray();
      }
      case STRING -> json.writeString(node.asString());
      case BOOLEAN -> json.writeBoolean(node.booleanValue());
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          json.writeNumber(node.bigIntegerValue());
        } else if (node.isBigDecimal()) {
          json.writeNumber(node.decimalValue());
        } else {
          json.writeNumber(node.doubleValue());
        }
      }
      default -> json.writeNull();
    }
  }

  /** A page of an instance's records for a connector resource. */
  static byte[] records(long instanceId, String resource, long from, int count) {
    return write(
        json -> {
          json.writeStartArray();
          for (long n = from; n < from + count; n++) {
            record(json, instanceId, resource, n);
          }
          json.writeEndArray();
        });
  }

  static byte[] record(long instanceId, String resource, long n) {
    return write(json -> record(json, instanceId, resource, n));
  }

  private static void record(JsonGenerator json, long instanceId, String resource, long n) {
    json.writeStartObject();
    json.writeStringProperty("id", Long.toString(n));
    json.writeStringProperty("name", resource + " " + n + " of instance " + instanceId);
    json.writeStringProperty("resource", resource);
    json.writeNumberProperty("instanceId", instanceId);
    json.writeStringProperty(
        "createdDate", Instant.ofEpochSecond(1_600_000_000L + n * 3600).toString());
    json.writeNumberProperty("amount", (n * 7919 % 100_000) / 100.0);
    json.writeEndObject();
  }
}
