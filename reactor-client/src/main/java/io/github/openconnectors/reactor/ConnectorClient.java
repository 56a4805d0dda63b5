package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Calls the connector API of one instance: {@code /hubs/{hub}/{objectName}}, {@code
 * /hubs/{hub}/{objectName}/{id}} and child objects below a record, with {@code User} and the
 * instance token only (the organization secret never travels on these requests). Made by {@link
 * OpenConnectorsClient#connector(long)} or {@link
 * OpenConnectorsClient#connector(io.github.openconnectors.core.InstanceToken)}.
 *
 * <pre>{@code
 * ConnectorClient crm = client.connector(42);
 * Flux<Account> accounts = crm.list("crm/accounts", Account.class);  // every page, lazily
 * Flux<JsonNode> some =
 *     crm.list("crm/accounts", ConnectorQuery.all().withWhere("Department != 'Procurement'"));
 * Mono<Account> created = crm.create("crm/accounts", new Account("Ada"), Account.class);
 * Mono<JsonNode> changed = crm.update("crm/accounts/7", Map.of("City", "Zürich"));
 * Mono<Void> gone = crm.delete("crm/accounts/7");
 * }</pre>
 *
 * <p>Paths are relative to {@code /hubs/} (a leading {@code /hubs/} is accepted too); a query goes
 * in a {@link ConnectorQuery}, never in the path. Listings page and stream like {@link
 * OpenConnectorsClient#instances(InstanceQuery)}; items and answers are read, and bodies written,
 * with the client's Jackson mapper (any bean, record, map or {@code JsonNode}). Errors and the 401
 * re-send are as for instances.
 *
 * <p><b>Retries never duplicate a write.</b> Reads are retried by the client's {@link RetryPolicy}.
 * A write ({@code create}, {@code update}, {@code replace}, {@code delete}) is sent again only when
 * the server surely did not act on it: the connection was refused or could not be made, so nothing
 * was sent ({@link ConnectionException#requestSent()} is false), or the service refused it with 429
 * and a {@code Retry-After}, before processing it; and, as for every request, once after a 401 with
 * credentials that changed since. A write that may have reached the server (a dropped connection, a
 * response that did not come in time, a 502 or 503) fails instead: the caller, who knows whether
 * doing it twice is harmless, decides. Writes the caller knows to be idempotent (a {@code PUT} of a
 * whole record, a {@code DELETE}, a {@code PATCH} setting fixed values) may be retried as reads
 * are, through {@link #withIdempotentWrites()}.
 */
public final class ConnectorClient {

  private final Requests requests;
  private final CredentialsProvider credentials;
  private final int pageSize;
  private final boolean idempotentWrites;

  ConnectorClient(Requests requests, CredentialsProvider credentials, int pageSize) {
    this(requests, credentials, pageSize, false);
  }

  private ConnectorClient(
      Requests requests, CredentialsProvider credentials, int pageSize, boolean idempotentWrites) {
    this.requests = requests;
    this.credentials = credentials;
    this.pageSize = pageSize;
    this.idempotentWrites = idempotentWrites;
  }

  /**
   * The same connector client, whose writes the caller declares idempotent: doing one twice leaves
   * the same result as doing it once. They are then retried as reads are, even after they may have
   * reached the server. Use it for writes that are, and keep this client for the others.
   *
   * @return a connector client sharing this one's credentials and connections
   */
  public ConnectorClient withIdempotentWrites() {
    return idempotentWrites ? this : new ConnectorClient(requests, credentials, pageSize, true);
  }

  /**
   * The credentials of this instance's connector requests: the client's with the instance token,
   * which is looked up, cached and re-resolved exactly as for this client's own requests (one cache
   * for both). For signing requests the client does not wrap: take {@link
   * CredentialsProvider#credentials()} for each attempt, and {@link
   * CredentialsProvider#invalidate(Credentials)} what a 401 refused, which drops the refused token.
   *
   * @return the provider
   */
  public CredentialsProvider credentialsProvider() {
    return credentials;
  }

  /**
   * Lists a resource, page after page, lazily, each item mapped to {@code type}; paged and read
   * ahead as {@link OpenConnectorsClient#instances(InstanceQuery)} is.
   *
   * @param path such as {@code "crm/accounts"}
   * @param type the item type
   * @param <T> the item type
   * @return the items
   * @throws IllegalArgumentException if the path is empty or holds a query
   */
  public <T> Flux<T> list(String path, Class<T> type) {
    return list(path, ConnectorQuery.all(), type);
  }

  /**
   * Lists the records of a resource a query selects, page after page, lazily, each mapped to {@code
   * type}: only as many pages are asked for as downstream demand reaches, and a page that names the
   * cursor it was asked with fails the listing instead of repeating it.
   *
   * @param path such as {@code "crm/accounts"}
   * @param query the CEQL {@code where}, fields, order, page size and where to resume
   * @param type the item type
   * @param <T> the item type
   * @return the items
   * @throws IllegalArgumentException if the path is empty or holds a query
   */
  public <T> Flux<T> list(String path, ConnectorQuery query, Class<T> type) {
    Objects.requireNonNull(query, "query");
    return listing(path, query, type).items(query.nextPageToken().orElse(null));
  }

  /**
   * Lists a resource as JSON trees.
   *
   * @param path such as {@code "crm/accounts"}
   * @return the items
   */
  public Flux<JsonNode> list(String path) {
    return list(path, JsonNode.class);
  }

  /**
   * Lists the records a query selects as JSON trees.
   *
   * @param path such as {@code "crm/accounts"}
   * @param query what to select
   * @return the items
   */
  public Flux<JsonNode> list(String path, ConnectorQuery query) {
    return list(path, query, JsonNode.class);
  }

  /**
   * Lists the records a query selects as whole pages, each with its next-page token, total (when
   * sent) and request id: to resume later, or elsewhere, with {@link
   * ConnectorQuery#resumingFrom(String)}.
   *
   * @param path such as {@code "crm/accounts"}
   * @param query what to select
   * @param type the item type
   * @param <T> the item type
   * @return the pages
   */
  public <T> Flux<Page<T>> pages(String path, ConnectorQuery query, Class<T> type) {
    Objects.requireNonNull(query, "query");
    return listing(path, query, type).wholePages(query.nextPageToken().orElse(null));
  }

  /**
   * The listing of the records a query selects. The path is checked and the type's reader resolved
   * now, on the caller's thread.
   */
  private <T> Paging<T> listing(String path, ConnectorQuery query, Class<T> type) {
    ObjectReader reader = requests.readerFor(Objects.requireNonNull(type, "type"));
    return new Paging<>(
        requests,
        ApiKind.CONNECTOR,
        query.uri(hubPath(path), pageSize),
        item -> reader.<T>readValue(item));
  }

  /**
   * Gets one object, mapped to {@code type}.
   *
   * @param path such as {@code "crm/accounts/7"}
   * @param type the object type
   * @param <T> the object type
   * @return a Mono of the object; {@link NotFoundException} when there is none
   */
  public <T> Mono<T> get(String path, Class<T> type) {
    ObjectReader reader = requests.readerFor(Objects.requireNonNull(type, "type"));
    return requests.getObject(
        ApiKind.CONNECTOR, RequestUri.hub(hubPath(path)), item -> reader.<T>readValue(item));
  }

  /**
   * Gets one object as a JSON tree.
   *
   * @param path such as {@code "crm/accounts/7"}
   * @return a Mono of the object
   */
  public Mono<JsonNode> get(String path) {
    return get(path, JsonNode.class);
  }

  /**
   * Creates a record ({@code POST}): the body is written as JSON by the client's mapper, and the
   * record the service answers with is read as {@code type}. Not retried once it may have reached
   * the server (see the class's description).
   *
   * @param path the resource, such as {@code "crm/accounts"}
   * @param body the record: a bean, record, map or {@code JsonNode}
   * @param type the type of the answer
   * @param <T> the type of the answer
   * @return a Mono of the created record; empty when the service answers 204 without a body
   * @throws IllegalArgumentException if the path is empty or holds a query, or the body cannot be
   *     written as JSON
   */
  public <T> Mono<T> create(String path, Object body, Class<T> type) {
    return write("POST", path, body, type);
  }

  /**
   * Creates a record, its answer as a JSON tree.
   *
   * @param path the resource, such as {@code "crm/accounts"}
   * @param body the record
   * @return a Mono of the created record
   */
  public Mono<JsonNode> create(String path, Object body) {
    return create(path, body, JsonNode.class);
  }

  /**
   * Changes fields of a record ({@code PATCH}): the body holds the fields to change.
   *
   * @param path the record, such as {@code "crm/accounts/7"}
   * @param body the fields to change
   * @param type the type of the answer
   * @param <T> the type of the answer
   * @return a Mono of the changed record; empty when the service answers 204 without a body
   * @throws IllegalArgumentException if the path is empty or holds a query, or the body cannot be
   *     written as JSON
   */
  public <T> Mono<T> update(String path, Object body, Class<T> type) {
    return write("PATCH", path, body, type);
  }

  /**
   * Changes fields of a record, its answer as a JSON tree.
   *
   * @param path the record, such as {@code "crm/accounts/7"}
   * @param body the fields to change
   * @return a Mono of the changed record
   */
  public Mono<JsonNode> update(String path, Object body) {
    return update(path, body, JsonNode.class);
  }

  /**
   * Replaces a record whole ({@code PUT}), where the connector supports it.
   *
   * @param path the record, such as {@code "crm/accounts/7"}
   * @param body the whole record
   * @param type the type of the answer
   * @param <T> the type of the answer
   * @return a Mono of the record as replaced; empty when the service answers 204 without a body
   * @throws IllegalArgumentException if the path is empty or holds a query, or the body cannot be
   *     written as JSON
   */
  public <T> Mono<T> replace(String path, Object body, Class<T> type) {
    return write("PUT", path, body, type);
  }

  /**
   * Replaces a record whole, its answer as a JSON tree.
   *
   * @param path the record, such as {@code "crm/accounts/7"}
   * @param body the whole record
   * @return a Mono of the record as replaced
   */
  public Mono<JsonNode> replace(String path, Object body) {
    return replace(path, body, JsonNode.class);
  }

  /**
   * Deletes a record ({@code DELETE}); whatever body the service answers with is read and dropped.
   *
   * @param path the record, such as {@code "crm/accounts/7"}
   * @return a Mono that completes once the service has answered 2xx; {@link NotFoundException} when
   *     there is no such record
   * @throws IllegalArgumentException if the path is empty or holds a query
   */
  public Mono<Void> delete(String path) {
    return requests.delete(ApiKind.CONNECTOR, RequestUri.hub(hubPath(path)), idempotentWrites);
  }

  private <T> Mono<T> write(String method, String path, Object body, Class<T> type) {
    ObjectReader reader = requests.readerFor(Objects.requireNonNull(type, "type"));
    RequestUri uri = RequestUri.hub(hubPath(path));
    // Written now, on the caller's thread: the first use of a type resolves its serializer
    // under a lock, which an event loop must not take.
    byte[] json = requests.json(Objects.requireNonNull(body, "body"));
    return requests.write(
        method, ApiKind.CONNECTOR, uri, json, idempotentWrites, item -> reader.<T>readValue(item));
  }

  private static String hubPath(String path) {
    Objects.requireNonNull(path, "path");
    String relative =
        path.startsWith("/hubs/")
            ? path.substring(6)
            : path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || relative.indexOf('?') >= 0) {
      throw new IllegalArgumentException(
          "path must name a resource under /hubs/ without a query, such as crm/accounts;"
              + " give a query as a ConnectorQuery");
    }
    return "/hubs/" + relative;
  }
}
