package io.github.openconnectors.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The records of every instance's connector objects, kept in memory. An object ({@code accounts})
 * starts with its instance's generated records, ids {@code "1"} to {@code records()}; a child
 * object ({@code accounts/7/contacts}) starts empty. Each set of records is changed under its own
 * lock, and hands out copies: what a caller holds never changes under it.
 */
final class ConnectorRecords {

  private final Map<String, Records> objects = new ConcurrentHashMap<>();

  /** The records of one object of an instance, such as {@code accounts} or {@code a/7/b}. */
  Records of(EmulatedInstance instance, String object) {
    return objects.computeIfAbsent(
        instance.id() + "/" + object,
        key ->
            object.indexOf('/') >= 0
                ? new Records(instance.id(), object, 0)
                : new Records(instance.id(), object, instance.records()));
  }

  /** The records of one object: ordered as created, ids as the service gives them, text. */
  static final class Records {

    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
    private long nextId;

    Records(long instanceId, String object, int generated) {
      for (long n = 1; n <= generated; n++) {
        byId.put(
            Long.toString(n),
            (ObjectNode) Json.TREES.readValue(Json.record(instanceId, object, n)));
      }
      this.nextId = generated + 1L;
    }

    /** The records {@code where} selects, in {@code order} (null: as created), copied. */
    synchronized List<ObjectNode> select(
        Predicate<JsonNode> where, @Nullable Comparator<JsonNode> order) {
      List<ObjectNode> selected = new ArrayList<>();
      for (ObjectNode record : byId.values()) {
        if (where.test(record)) {
          selected.add(record.deepCopy());
        }
      }
      if (order != null) {
        selected.sort(order);
      }
      return selected;
    }

    synchronized boolean contains(String id) {
      return byId.containsKey(id);
    }

    synchronized @Nullable ObjectNode get(String id) {
      ObjectNode record = byId.get(id);
      return record == null ? null : record.deepCopy();
    }

    /**
     * Stores a new record with the next id, or with the id its body names.
     *
     * @throws ConflictException if the body names an id that exists
     */
    synchronized ObjectNode create(ObjectNode body) {
      ObjectNode record = body.deepCopy();
      JsonNode named = record.get("id");
      String id;
      if (named != null && !named.isNull()) {
        id = named.asString();
        if (byId.containsKey(id)) {
          throw new ConflictException("A record with id " + id + " exists already");
        }
      } else {
        do {
          id = Long.toString(nextId++);
        } while (byId.containsKey(id));
      }
      record.put("id", id);
      byId.put(id, record);
      return record.deepCopy();
    }

    /** Sets the body's fields on a record (its id stays); null when there is no such record. */
    synchronized @Nullable ObjectNode update(String id, ObjectNode fields) {
      ObjectNode record = byId.get(id);
      if (record == null) {
        return null;
      }
      record.setAll(fields.deepCopy());
      record.put("id", id);
      return record.deepCopy();
    }

    /** Replaces a record whole (its id stays); null when there is no such record. */
    synchronized @Nullable ObjectNode replace(String id, ObjectNode body) {
      if (!byId.containsKey(id)) {
        return null;
      }
      ObjectNode record = body.deepCopy();
      record.put("id", id);
      byId.put(id, record);
      return record.deepCopy();
    }

    /** Removes a record; false when there was none. */
    synchronized boolean delete(String id) {
      return byId.remove(id) != null;
    }
  }

  /** A create that names an id in use: a 409. */
  static final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    ConflictException(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }
}
