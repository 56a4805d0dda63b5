package io.github.openconnectors.reactor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What to list from a connector resource: a CEQL {@code where} expression, the {@code fields} to
 * return, an {@code orderBy}, the page size, and where to resume. Immutable; each {@code with...}
 * method returns a copy. Values are sent as given, percent-encoded by the client: write the CEQL as
 * the service documents it, quotes and all.
 *
 * <pre>{@code
 * ConnectorQuery query =
 *     ConnectorQuery.all()
 *         .withWhere("Department != 'Procurement' and City like 'Mün%'")
 *         .withFields("id", "name", "City")
 *         .withOrderBy("name asc")
 *         .withPageSize(100);
 * Flux<JsonNode> accounts = crm.list("crm/accounts", query);
 * }</pre>
 */
public final class ConnectorQuery {

  private static final ConnectorQuery ALL = new ConnectorQuery(null, List.of(), null, 0, null);

  private final @Nullable String where;
  private final List<String> fields;
  private final @Nullable String orderBy;
  private final int pageSize;
  private final @Nullable String nextPageToken;

  private ConnectorQuery(
      @Nullable String where,
      List<String> fields,
      @Nullable String orderBy,
      int pageSize,
      @Nullable String nextPageToken) {
    this.where = where;
    this.fields = fields;
    this.orderBy = orderBy;
    this.pageSize = pageSize;
    this.nextPageToken = nextPageToken;
  }

  /**
   * Every record, from the first page, every field, in the service's order, in pages of the
   * client's default size.
   *
   * @return the query
   */
  public static ConnectorQuery all() {
    return ALL;
  }

  /**
   * A copy that lists only the records a CEQL expression selects ({@code where}), such as {@code
   * "Department != 'Procurement'"}.
   *
   * @param where the expression, not blank
   * @return the query
   * @throws IllegalArgumentException if the expression is blank
   */
  public ConnectorQuery withWhere(String where) {
    return new ConnectorQuery(notBlank(where, "where"), fields, orderBy, pageSize, nextPageToken);
  }

  /**
   * A copy that asks for these fields of each record only ({@code fields}, comma-separated on the
   * wire).
   *
   * @param fields the field names, none blank or holding a comma
   * @return the query
   * @throws IllegalArgumentException if a name is blank or holds a comma
   */
  public ConnectorQuery withFields(String... fields) {
    List<String> names = List.of(fields);
    for (String name : names) {
      if (notBlank(name, "a field name").indexOf(',') >= 0) {
        throw new IllegalArgumentException("a field name must not hold a comma");
      }
    }
    return new ConnectorQuery(where, names, orderBy, pageSize, nextPageToken);
  }

  /**
   * A copy that orders the records ({@code orderBy}), such as {@code "name asc, createdDate desc"}.
   *
   * @param orderBy the ordering, not blank
   * @return the query
   * @throws IllegalArgumentException if the ordering is blank
   */
  public ConnectorQuery withOrderBy(String orderBy) {
    return new ConnectorQuery(where, fields, notBlank(orderBy, "orderBy"), pageSize, nextPageToken);
  }

  /**
   * A copy with this page size.
   *
   * @param pageSize from 1 to {@value InstanceQuery#MAX_PAGE_SIZE}
   * @return the query
   * @throws IllegalArgumentException if pageSize is out of range
   */
  public ConnectorQuery withPageSize(int pageSize) {
    if (pageSize < 1 || pageSize > InstanceQuery.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "pageSize must be from 1 to " + InstanceQuery.MAX_PAGE_SIZE + ", was " + pageSize);
    }
    return new ConnectorQuery(where, fields, orderBy, pageSize, nextPageToken);
  }

  /**
   * A copy that starts at the page a next-page token names, from {@link Page#nextPageToken()} of a
   * page of this query.
   *
   * @param nextPageToken the token
   * @return the query
   */
  public ConnectorQuery resumingFrom(String nextPageToken) {
    return new ConnectorQuery(
        where, fields, orderBy, pageSize, Objects.requireNonNull(nextPageToken, "nextPageToken"));
  }

  /**
   * The CEQL expression.
   *
   * @return the expression, empty for every record
   */
  public Optional<String> where() {
    return Optional.ofNullable(where);
  }

  /**
   * The fields asked for.
   *
   * @return an unmodifiable list, empty for every field
   */
  public List<String> fields() {
    return fields;
  }

  /**
   * The ordering.
   *
   * @return the ordering, empty for the service's order
   */
  public Optional<String> orderBy() {
    return Optional.ofNullable(orderBy);
  }

  /**
   * The page size.
   *
   * @return from 1 to 200, or 0 for the client's default
   */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Where the listing starts.
   *
   * @return the next-page token, empty to start from the first page
   */
  public Optional<String> nextPageToken() {
    return Optional.ofNullable(nextPageToken);
  }

  /** The query as the service reads it, on a connector path. */
  RequestUri uri(String hubPath, int defaultPageSize) {
    return RequestUri.hub(hubPath)
        .param("where", where)
        .param("fields", fields.isEmpty() ? null : String.join(",", fields))
        .param("orderBy", orderBy)
        .param("pageSize", pageSize > 0 ? pageSize : defaultPageSize);
  }

  private static String notBlank(String value, String name) {
    if (Objects.requireNonNull(value, name).isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /**
   * Describes the query; the expression is the application's own text, shown as given.
   *
   * @return for example {@code "ConnectorQuery[where=name = 'x', fields=[id], orderBy=null,
   *     pageSize=0, resuming=false]"}
   */
  @Override
  public String toString() {
    return "ConnectorQuery[where="
        + where
        + ", fields="
        + fields
        + ", orderBy="
        + orderBy
        + ", pageSize="
        + pageSize
        + ", resuming="
        + (nextPageToken != null)
        + "]";
  }
}
