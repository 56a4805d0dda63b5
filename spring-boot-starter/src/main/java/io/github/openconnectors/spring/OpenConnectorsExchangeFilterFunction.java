package io.github.openconnectors.spring;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.NotFoundException;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * Signs an application's own {@code WebClient} requests to Open Connectors with the client's
 * credentials, for the calls the library does not wrap. Requests under {@code /hubs/} are connector
 * calls: they carry {@code User} and the token of the instance named by {@link #instance(long)},
 * looked up, cached and re-resolved exactly as {@link OpenConnectorsClient#connector(long)} does
 * (one cache for both); every other request carries the platform credentials. A 401 invalidates the
 * credentials it refused and the request is sent once more, only if the provider then hands back
 * different ones; otherwise the 401 is the answer.
 *
 * <p>Credentials go only to the client's own base URL: a request elsewhere fails without being
 * sent.
 *
 * <pre>{@code
 * WebClient openConnectors = WebClient.builder()
 *     .baseUrl(client.baseUrl().toString())
 *     .filter(new OpenConnectorsExchangeFilterFunction(client))
 *     .build();
 * openConnectors.get().uri("/hubs/crm/contacts")
 *     .attributes(OpenConnectorsExchangeFilterFunction.instance(42))
 *     .retrieve().bodyToFlux(Contact.class);
 * }</pre>
 */
public final class OpenConnectorsExchangeFilterFunction implements ExchangeFilterFunction {

  private static final String INSTANCE =
      OpenConnectorsExchangeFilterFunction.class.getName() + ".instance";

  private final OpenConnectorsClient client;
  private final URI base;

  /**
   * Signs with a client's credentials.
   *
   * @param client the client whose credentials and instance tokens are used
   */
  public OpenConnectorsExchangeFilterFunction(OpenConnectorsClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.base = client.baseUrl();
  }

  /**
   * Names the instance of a connector request, for {@code WebClient}'s {@code .attributes(...)}.
   *
   * @param instanceId the instance id
   * @return sets the request attribute the filter reads
   */
  public static Consumer<Map<String, Object>> instance(long instanceId) {
    return attributes -> attributes.put(INSTANCE, instanceId);
  }

  @Override
  public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
    String relative = relativePath(request.url());
    if (relative == null) {
      return Mono.error(
          new IllegalArgumentException(
              "the request is not under the Open Connectors client's base URL: its credentials"
                  + " are sent nowhere else"));
    }
    if (relative.equals("/hubs") || relative.startsWith("/hubs/")) {
      Object instanceId = request.attribute(INSTANCE).orElse(null);
      if (!(instanceId instanceof Long id)) {
        return Mono.error(
            new IllegalStateException(
                "a connector request (under /hubs/) needs its instance: add"
                    + " .attributes(OpenConnectorsExchangeFilterFunction.instance(id))"));
      }
      return send(request, next, client.connector(id).credentialsProvider(), ApiKind.CONNECTOR);
    }
    return send(request, next, client.credentialsProvider(), ApiKind.PLATFORM);
  }

  private static Mono<ClientResponse> send(
      ClientRequest request, ExchangeFunction next, CredentialsProvider provider, ApiKind kind) {
    return provider
        .credentials()
        .flatMap(
            current ->
                next.exchange(signed(request, current, kind))
                    .flatMap(
                        response ->
                            response.statusCode().value() == HttpStatus.UNAUTHORIZED.value()
                                ? resend(request, next, provider, kind, current, response)
                                : Mono.just(response)));
  }

  /**
   * After a 401: the request once more with the provider's next credentials, or the 401 itself when
   * they are the same (they would only be refused again) or cannot be found because what they
   * belong to is gone (a deleted instance).
   */
  private static Mono<ClientResponse> resend(
      ClientRequest request,
      ExchangeFunction next,
      CredentialsProvider provider,
      ApiKind kind,
      Credentials refused,
      ClientResponse unauthorized) {
    provider.invalidate(refused);
    return provider
        .credentials()
        .flatMap(
            fresh ->
                fresh.equals(refused)
                    ? Mono.just(unauthorized)
                    : unauthorized.releaseBody().then(next.exchange(signed(request, fresh, kind))))
        .onErrorResume(NotFoundException.class, gone -> Mono.just(unauthorized))
        .onErrorResume(
            failure -> unauthorized.releaseBody().then(Mono.<ClientResponse>error(failure)));
  }

  private static ClientRequest signed(
      ClientRequest request, Credentials credentials, ApiKind kind) {
    String authorization = credentials.authorizationFor(kind).value();
    return ClientRequest.from(request)
        .headers(headers -> headers.set(HttpHeaders.AUTHORIZATION, authorization))
        .build();
  }

  /** The path under the base URL, or null when the URL is elsewhere. */
  private @Nullable String relativePath(URI url) {
    if (!base.getScheme().equalsIgnoreCase(url.getScheme())
        || !base.getHost().equalsIgnoreCase(url.getHost())
        || port(base) != port(url)
        || url.getRawUserInfo() != null) {
      return null;
    }
    String basePath =
        base.getRawPath().endsWith("/")
            ? base.getRawPath().substring(0, base.getRawPath().length() - 1)
            : base.getRawPath();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    if (!path.startsWith(basePath)) {
      return null;
    }
    String relative = path.substring(basePath.length());
    return relative.isEmpty() || relative.startsWith("/") ? relative : null;
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  /**
   * Names the filter, never a credential.
   *
   * @return {@code "OpenConnectorsExchangeFilterFunction"}
   */
  @Override
  public String toString() {
    return "OpenConnectorsExchangeFilterFunction";
  }
}
