package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Calls the connector API of one instance: {@code /hubs/{hub}/{resource}}, with {@code User} and
 * the instance token only (the organization secret never travels on these requests). Made by {@link
 * OpenConnectorsClient#connector(long)} or {@link
 * OpenConnectorsClient#connector(io.github.openconnectors.core.InstanceToken)}.
 *
 * <pre>{@code
 * ConnectorClient crm = client.connector(42);
 * Flux<Account> accounts = crm.list("crm/accounts", Account.class);  // every page, lazily
 * Mono<JsonNode> one = crm.get("crm/accounts/7");
 * }</pre>
 *
 * <p>Paths are relative to {@code /hubs/} (a leading {@code /hubs/} is accepted too). Listings page
 * and stream like {@link OpenConnectorsClient#instances(InstanceQuery)}; items are mapped with the
 * client's Jackson mapper. Errors, retries and the 401 re-send are as for instances.
 */
public final class ConnectorClient {

  private final Requests requests;
  private final CredentialsProvider credentials;
  private final int pageSize;

  ConnectorClient(Requests requests, CredentialsProvider credentials, int pageSize) {
    this.requests = requests;
    this.credentials = credentials;
    this.pageSize = pageSize;
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
    ObjectReader reader = requests.readerFor(Objects.requireNonNull(type, "type"));
    String hubPath = hubPath(path);
    return Paging.items(
        null,
        cursor ->
            requests.getArray(
                ApiKind.CONNECTOR,
                RequestUri.hub(hubPath)
                    .param("pageSize", pageSize)
                    .param("nextPage", cursor.current()),
                cursor::advance,
                item -> reader.<T>readValue(item)));
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

  private static String hubPath(String path) {
    Objects.requireNonNull(path, "path");
    String relative =
        path.startsWith("/hubs/")
            ? path.substring(6)
            : path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || relative.indexOf('?') >= 0) {
      throw new IllegalArgumentException(
          "path must name a resource under /hubs/ without a query, such as crm/accounts");
    }
    return "/hubs/" + relative;
  }
}
