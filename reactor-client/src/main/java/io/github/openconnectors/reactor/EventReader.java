package io.github.openconnectors.reactor;

import java.time.DateTimeException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads an {@link Event} from the service's JSON: {@code id} (a string, or a number), the instance
 * ({@code eventElementInstances[0].elementInstanceId}), {@code eventDate} (ISO-8601, or
 * milliseconds since the epoch), {@code status} and {@code providerData} (a string of JSON, or an
 * object). A missing id or status, or a date that is neither, is a {@link
 * JsonItemDecoder.BodyException} naming the field, never its value.
 */
final class EventReader {

  private EventReader() {}

  static Event read(JsonNode event) {
    if (!event.isObject()) {
      throw new JsonItemDecoder.BodyException("an event is not a JSON object");
    }
    return new Event(
        required(event, "id"),
        instanceId(event),
        date(event.path("eventDate")),
        required(event, "status"),
        providerData(event.path("providerData")));
  }

  /**
   * The instance: {@code eventElementInstances[0].elementInstanceId}, as the service's Swagger
   * describes an event, or a top-level {@code elementInstanceId}.
   */
  private static @Nullable Long instanceId(JsonNode event) {
    JsonNode nested = event.path("eventElementInstances").path(0).path("elementInstanceId");
    if (nested.isIntegralNumber()) {
      return nested.asLong();
    }
    JsonNode flat = event.path("elementInstanceId");
    return flat.isIntegralNumber() ? flat.asLong() : null;
  }

  private static String required(JsonNode event, String field) {
    JsonNode value = event.path(field);
    if ((value.isString() && !value.asString().isEmpty()) || value.isIntegralNumber()) {
      return value.asString();
    }
    throw new JsonItemDecoder.BodyException("an event has no " + field + " (field " + field + ")");
  }

  private static @Nullable Instant date(JsonNode date) {
    if (date.isMissingNode() || date.isNull()) {
      return null;
    }
    try {
      if (date.isIntegralNumber()) {
        return Instant.ofEpochMilli(date.asLong());
      }
      if (date.isString()) {
        return Instant.parse(date.asString());
      }
    } catch (DateTimeException e) {
      // Falls through to the message below, which does not quote the value.
    }
    throw new JsonItemDecoder.BodyException(
        "an event's eventDate is neither ISO-8601 nor milliseconds (field eventDate)");
  }

  private static @Nullable String providerData(JsonNode data) {
    if (data.isMissingNode() || data.isNull()) {
      return null;
    }
    return data.isString() ? data.asString() : data.toString();
  }
}
