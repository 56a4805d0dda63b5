package io.github.openconnectors.emulator;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The events of instances with notifications on: each connector write recorded as an event and
 * delivered ({@link EventDeliveries}), and the events API that lists them.
 */
final class EventsApi {

  private final EventLog events;
  private final EventDeliveries deliveries;
  private final Pages pages;

  EventsApi(EventLog events, EventDeliveries deliveries, Pages pages) {
    this.events = events;
    this.deliveries = deliveries;
    this.pages = pages;
  }

  /** A write of an instance whose notifications are on: an event, as the service would make. */
  void written(EmulatedInstance instance, String method, String hubPath, Reply reply) {
    // hubPath: <hub>/<resource>[/<id>...]
    String[] segments = hubPath.split("/", -1);
    String objectType = segments.length > 1 ? segments[1] : segments[0];
    String objectId = segments.length > 2 ? segments[2] : createdId(reply);
    String action =
        switch (method) {
          case "POST" -> "create";
          case "DELETE" -> "delete";
          default -> "update";
        };
    Map<String, Object> change = EventLog.change(action, objectType, objectId);
    deliveries.deliver(instance, events.record(instance.id(), change), change);
  }

  private static @Nullable String createdId(Reply reply) {
    try {
      JsonNode created = Json.TREES.readValue(reply.body());
      JsonNode id = created.path("id");
      return id.isMissingNode() || id.isNull() ? null : id.asString();
    } catch (JacksonException e) {
      return null;
    }
  }

  /** {@code GET /instances/events}, or one instance's, once the platform credentials passed. */
  Reply list(Exchange exchange, @Nullable EmulatedInstance of) {
    Predicate<EventLog.Event> filter =
        of == null ? any -> true : event -> event.instanceId() == of.id();
    return pages.page(
        exchange.query(),
        exchange.requestId(),
        Cursors.queryKey("events", of == null ? "all" : Long.toString(of.id())),
        (afterId, pageSize) -> {
          EventLog.Slice slice = events.slice(filter, afterId, pageSize);
          List<EventLog.Event> items = slice.items();
          long last = items.isEmpty() ? afterId : items.get(items.size() - 1).id();
          return new Pages.Content(
              Json.write(
                  json -> {
                    json.writeStartArray();
                    items.forEach(event -> event.write(json));
                    json.writeEndArray();
                  }),
              items.size(),
              slice.more() ? last : -1,
              () -> events.count(filter));
        },
        Map.of());
  }

  /** {@code GET /instances/events/{eventId}}, once the platform credentials passed. */
  Reply event(Exchange exchange, String idText) {
    EventLog.Event event = null;
    try {
      event = events.find(Long.parseLong(idText));
    } catch (NumberFormatException e) {
      // Not one of the emulator's ids: none found.
    }
    if (event == null) {
      return Reply.error(exchange.requestId(), 404, "No event found with id " + idText);
    }
    return Reply.json(200, Json.write(event::write));
  }
}
