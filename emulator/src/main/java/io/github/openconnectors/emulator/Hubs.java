package io.github.openconnectors.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The connector API of one instance, once its credentials are known good: {@code
 * /hubs/{hub}/{objectName}} lists ({@code GET}, with {@code where}, {@code fields}, {@code orderBy}
 * and paging) and creates ({@code POST}); {@code /hubs/{hub}/{objectName}/{id}} reads, changes
 * ({@code PATCH}), replaces ({@code PUT}) and deletes; a child object below a record, {@code
 * /{objectName}/{id}/{childObjectName}[/{childId}]}, the same. The hub segment is ignored, as the
 * service ignores it.
 */
final class Hubs {

  static final String INSTANCE_ID = "Elements-Element-Instance-Id";

  private final ConnectorRecords records;
  private final Pages pages;

  Hubs(ConnectorRecords records, Pages pages) {
    this.records = records;
    this.pages = pages;
  }

  /** A request of the connector API, its path after {@code /hubs/}. */
  @SuppressWarnings("ArrayRecordComponent") // read once, never compared or hashed
  record Request(
      String method,
      String path,
      Map<String, List<String>> query,
      String requestId,
      @Nullable String contentType,
      byte[] body) {}

  Reply handle(EmulatedInstance instance, Request request) {
    Reply reply;
    try {
      reply = route(instance, request);
    } catch (Ceql.InvalidQueryException e) {
      reply = Reply.error(request.requestId(), 400, e.reason());
    } catch (ConnectorRecords.ConflictException e) {
      reply = Reply.error(request.requestId(), 409, e.reason());
    }
    return reply.with(Map.of(INSTANCE_ID, Long.toString(instance.id())));
  }

  private Reply route(EmulatedInstance instance, Request request) {
    String[] segments = request.path().split("/", -1);
    if (segments.length < 2 || segments.length > 5 || Arrays.asList(segments).contains("")) {
      return Reply.error(request.requestId(), 404, "No resource at this path");
    }
    String object = segments[1];
    if (segments.length >= 4) {
      String parentId = segments[2];
      if (!records.of(instance, object).contains(parentId)) {
        return Reply.error(
            request.requestId(), 404, "No " + object + " record with id " + parentId);
      }
      object = object + "/" + parentId + "/" + segments[3];
    }
    ConnectorRecords.Records set = records.of(instance, object);
    boolean collection = segments.length % 2 == 0;
    String name = segments[segments.length % 2 == 0 ? segments.length - 1 : segments.length - 2];
    if (collection) {
      return switch (request.method()) {
        case "GET" -> list(instance, object, set, request);
        case "POST" -> withBody(request, body -> Reply.json(200, Json.tree(set.create(body))));
        default -> notAllowed(request, "GET, POST");
      };
    }
    String id = segments[segments.length - 1];
    String missing = "No " + name + " record with id " + id;
    return switch (request.method()) {
      case "GET" -> found(request, set.get(id), missing);
      case "PATCH" -> withBody(request, body -> found(request, set.update(id, body), missing));
      case "PUT" -> withBody(request, body -> found(request, set.replace(id, body), missing));
      case "DELETE" ->
          set.delete(id)
              ? Reply.json(200, new byte[0])
              : Reply.error(request.requestId(), 404, missing);
      default -> notAllowed(request, "GET, PATCH, PUT, DELETE");
    };
  }

  private Reply list(
      EmulatedInstance instance, String object, ConnectorRecords.Records set, Request request) {
    String where = Pages.first(request.query(), "where");
    String fields = Pages.first(request.query(), "fields");
    String orderBy = Pages.first(request.query(), "orderBy");
    Predicate<JsonNode> selected =
        where == null || where.isBlank() ? any -> true : Ceql.parse(where);
    Comparator<JsonNode> order = orderBy == null ? null : order(orderBy);
    List<String> projection = fields == null ? List.of() : Ceql.names(fields);
    List<ObjectNode> matching = set.select(selected, order);
    return pages.page(
        request.query(),
        request.requestId(),
        Cursors.queryKey(
            "hubs",
            Long.toString(instance.id()),
            object,
            String.valueOf(where),
            String.valueOf(fields),
            String.valueOf(orderBy)),
        (skipped, pageSize) -> {
          int from = (int) Math.min(skipped, matching.size());
          int to = Math.min(matching.size(), from + pageSize);
          List<JsonNode> page = new ArrayList<>(to - from);
          for (ObjectNode record : matching.subList(from, to)) {
            page.add(projection.isEmpty() ? record : record.retain(projection));
          }
          return new Pages.Content(
              Json.trees(page), page.size(), to < matching.size() ? to : -1, matching::size);
        },
        Map.of());
  }

  /** An {@code orderBy}: fields, each {@code asc} (the default) or {@code desc}. */
  private static Comparator<JsonNode> order(String orderBy) {
    Comparator<JsonNode> order = null;
    for (String term : Ceql.names(orderBy)) {
      String[] words = term.split("\\s+", -1);
      boolean descending = words.length == 2 && words[1].equalsIgnoreCase("desc");
      if (words.length > 2
          || (words.length == 2 && !descending && !words[1].equalsIgnoreCase("asc"))) {
        throw new Ceql.InvalidQueryException(
            "Invalid orderBy: '" + term + "' is not a field, then asc or desc");
      }
      String field = words[0];
      Comparator<JsonNode> byField = Comparator.comparing(record -> record.get(field), Hubs::order);
      Comparator<JsonNode> directed = descending ? byField.reversed() : byField;
      order = order == null ? directed : order.thenComparing(directed);
    }
    if (order == null) {
      throw new Ceql.InvalidQueryException("Invalid orderBy: it names no field");
    }
    return order;
  }

  /** Absent first, then numbers by value, then text. */
  private static int order(@Nullable JsonNode left, @Nullable JsonNode right) {
    if (left == null || left.isNull()) {
      return right == null || right.isNull() ? 0 : -1;
    }
    if (right == null || right.isNull()) {
      return 1;
    }
    if (left.isNumber() && right.isNumber()) {
      return left.decimalValue().compareTo(right.decimalValue());
    }
    return left.asString().compareTo(right.asString());
  }

  private static Reply found(Request request, @Nullable ObjectNode record, String missing) {
    return record == null
        ? Reply.error(request.requestId(), 404, missing)
        : Reply.json(200, Json.tree(record));
  }

  private static Reply notAllowed(Request request, String allowed) {
    return Reply.error(request.requestId(), 405, "Method not allowed: use " + allowed);
  }

  /** A write's JSON object, or the 415 or 400 the service answers instead. */
  private static Reply withBody(Request request, Function<ObjectNode, Reply> write) {
    String type = request.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
      return Reply.error(request.requestId(), 415, "Unsupported Media Type: send application/json");
    }
    JsonNode body;
    try {
      body = Json.TREES.readValue(request.body());
    } catch (JacksonException e) {
      return Reply.error(request.requestId(), 400, "The body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      return Reply.error(request.requestId(), 400, "The body must be a JSON object");
    }
    return write.apply((ObjectNode) body);
  }
}
