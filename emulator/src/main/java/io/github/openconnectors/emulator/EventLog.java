package io.github.openconnectors.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * The events of the instances whose notifications are on, as the events API lists them: one per
 * connector write (a create, an update, a delete), numbered in order. The service keeps the
 * connected system's own payload in {@code providerData}, a string of JSON; here it names the
 * write.
 */
final class EventLog {

  private final ConcurrentSkipListMap<Long, Event> events = new ConcurrentSkipListMap<>();
  private final AtomicLong lastId = new AtomicLong();
  private final Clock clock;

  EventLog(Clock clock) {
    this.clock = clock;
  }

  /** One event: what the events API shows of it. */
  record Event(long id, long instanceId, Instant eventDate, String status, String providerData) {

    /** As the Swagger's {@code Event}: its instance in {@code eventElementInstances}. */
    void write(JsonGenerator json) {
      json.writeStartObject();
      // The service's ids are strings.
      json.writeStringProperty("id", Long.toString(id));
      json.writeStringProperty("eventDate", eventDate.toString());
      json.writeStringProperty("status", status);
      json.writeStringProperty("providerData", providerData);
      json.writeName("eventElementInstances");
      json.writeStartArray();
      json.writeStartObject();
      json.writeStringProperty("eventId", Long.toString(id));
      json.writeNumberProperty("elementInstanceId", instanceId);
      json.writeStringProperty("createdDate", eventDate.toString());
      json.writeEndObject();
      json.writeEndArray();
      json.writeName("notifiedData");
      json.writeStartArray();
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /**
   * What a connector write changed, as an event names it.
   *
   * @param action {@code create}, {@code update} or {@code delete}
   * @param objectType the resource, such as {@code contacts}
   * @param objectId the record's id, when the write names one
   */
  static Map<String, Object> change(String action, String objectType, @Nullable String objectId) {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("action", action);
    change.put("objectType", objectType);
    if (objectId != null) {
      change.put("objectId", objectId);
    }
    return change;
  }

  /** Records a connector write of an instance whose notifications are on. */
  Event record(long instanceId, Map<String, Object> change) {
    String providerData = new String(Json.object(change), StandardCharsets.UTF_8);
    long id = lastId.incrementAndGet();
    Event event = new Event(id, instanceId, clock.instant(), "RECEIVED", providerData);
    events.put(id, event);
    return event;
  }

  /** The callback took the event. */
  void notified(long id) {
    events.computeIfPresent(
        id,
        (ignored, event) ->
            new Event(
                event.id(),
                event.instanceId(),
                event.eventDate(),
                "NOTIFIED",
                event.providerData()));
  }

  @Nullable Event find(long id) {
    return events.get(id);
  }

  /** Up to {@code limit} events after {@code afterId} that pass the filter, and whether more do. */
  Slice slice(Predicate<Event> filter, long afterId, int limit) {
    List<Event> items = new ArrayList<>(Math.min(limit, 256));
    ConcurrentNavigableMap<Long, Event> after = events.tailMap(afterId, false);
    for (Event event : after.values()) {
      if (!filter.test(event)) {
        continue;
      }
      if (items.size() == limit) {
        return new Slice(items, true);
      }
      items.add(event);
    }
    return new Slice(items, false);
  }

  long count(Predicate<Event> filter) {
    return events.values().stream().filter(filter).count();
  }

  record Slice(List<Event> items, boolean more) {}
}
