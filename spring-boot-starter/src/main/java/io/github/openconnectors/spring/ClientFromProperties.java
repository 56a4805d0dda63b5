package io.github.openconnectors.spring;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.RetryPolicy;
import io.github.openconnectors.reactor.fleet.RequestRate;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Applies {@code openconnectors.*} to a client builder. A missing or bad setting is an {@link
 * InvalidOpenConnectorsPropertiesException} naming the property; the library's own messages, which
 * never hold a value, say what is wrong with it.
 */
final class ClientFromProperties {

  static final String PREFIX = "openconnectors.";
  private static final String EXAMPLE_URL =
      "https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2";

  private ClientFromProperties() {}

  /**
   * A builder with every property applied, and the application's provider if it has one (it
   * replaces the secrets and the log-in).
   */
  static OpenConnectorsClient.Builder builder(
      OpenConnectorsProperties properties, @Nullable CredentialsProvider applicationProvider) {
    OpenConnectorsClient.Builder builder = OpenConnectorsClient.builder();
    String baseUrl = Placeholders.resolved(properties.getBaseUrl(), "base-url");
    if (baseUrl == null) {
      throw invalid(
          "the service's base URL is not set",
          List.of("base-url"),
          "Set openconnectors.base-url to the service's API, such as " + EXAMPLE_URL + ".");
    }
    builder.baseUrl(baseUrl);
    if (properties.isAllowInsecureHttp()) {
      builder.allowInsecureHttp();
    }
    if (applicationProvider != null) {
      builder.credentialsProvider(applicationProvider);
    } else {
      authenticate(builder, properties);
    }
    set("connect-timeout", () -> builder.connectTimeout(properties.getConnectTimeout()));
    set("response-timeout", () -> builder.responseTimeout(properties.getResponseTimeout()));
    set("page-size", () -> builder.pageSize(properties.getPageSize()));
    set("max-item-size", () -> builder.maxItemSize(properties.getMaxItemSize().toBytes()));
    set(
        "pool.max-connections",
        () -> builder.maxConnections(properties.getPool().getMaxConnections()));
    set("pool.max-idle-time", () -> builder.maxIdleTime(properties.getPool().getMaxIdleTime()));
    builder.retry(retry(properties.getRetry()));
    OpenConnectorsProperties.RateLimit rates = properties.getRateLimit();
    Integer requests = rates.getRequests();
    if (requests != null) {
      set("rate-limit.requests", () -> builder.rateLimit(RequestRate.of(requests, rates.getPer())));
    }
    Integer instanceRequests = rates.getInstanceRequests();
    if (instanceRequests != null) {
      set(
          "rate-limit.instance-requests",
          () ->
              builder.instanceRateLimit(RequestRate.of(instanceRequests, rates.getInstancePer())));
    }
    if (properties.isWiretap()) {
      // The client swaps Reactor Netty's wiretap for its redacting one, at the same level.
      builder.httpClient(http -> http.wiretap(true));
    }
    return builder;
  }

  /**
   * Builds the client; the base URL, checked only now, fails start-up naming its property (its
   * message never quotes the URL). Of the builder's settings, {@link
   * OpenConnectorsClient.Builder#build()} checks only the base URL; the one other source of an
   * {@code IllegalArgumentException} there, the log-in's cache windows, was checked when set
   * ({@code login.stale}). So the exception's type says which property it is, not its text.
   */
  static OpenConnectorsClient build(OpenConnectorsClient.Builder builder) {
    try {
      return builder.build();
    } catch (IllegalArgumentException invalid) {
      throw invalid(
          String.valueOf(invalid.getMessage()),
          List.of("base-url"),
          "Correct openconnectors.base-url: an https URL of the service's API, such as "
              + EXAMPLE_URL
              + ".");
    }
  }

  private static void authenticate(
      OpenConnectorsClient.Builder builder, OpenConnectorsProperties properties) {
    String userSecret = Placeholders.resolved(properties.getUserSecret(), "user-secret");
    String organizationSecret =
        Placeholders.resolved(properties.getOrganizationSecret(), "organization-secret");
    String username = Placeholders.resolved(properties.getUsername(), "username");
    String password = Placeholders.resolved(properties.getPassword(), "password");
    boolean secrets = userSecret != null || organizationSecret != null;
    boolean login = username != null || password != null;
    if (secrets && login) {
      throw invalid(
          "both secrets and a bearer log-in are set",
          List.of("user-secret", "organization-secret", "username", "password"),
          "Set either openconnectors.user-secret and openconnectors.organization-secret, or"
              + " openconnectors.username and openconnectors.password, not both.");
    }
    if (login) {
      String user = required(username, "username", "password");
      String secret = required(password, "password", "username");
      OpenConnectorsProperties.Login windows = properties.getLogin();
      // The windows are checked together (stale within prefetch) on a cache of nothing, once.
      set(
          "login.stale",
          () -> cacheWindows(CachingCredentialsProvider.builder(Mono.empty()), windows).build());
      builder.bearerLogin(user, secret, cache -> cacheWindows(cache, windows));
      return;
    }
    if (!secrets) {
      throw invalid(
          "no credentials are set",
          List.of("user-secret", "organization-secret", "username", "password"),
          "Set openconnectors.user-secret and openconnectors.organization-secret, or"
              + " openconnectors.username and openconnectors.password for a bearer log-in, or"
              + " define a CredentialsProvider bean (a vault).");
    }
    UserSecret user =
        secret(
            required(userSecret, "user-secret", "organization-secret"),
            "user-secret",
            UserSecret::of);
    OrganizationSecret organization =
        secret(
            required(organizationSecret, "organization-secret", "user-secret"),
            "organization-secret",
            OrganizationSecret::of);
    String token = Placeholders.resolved(properties.getInstanceToken(), "instance-token");
    builder.credentials(
        token == null
            ? Credentials.platform(user, organization)
            : Credentials.of(
                user, organization, secret(token, "instance-token", InstanceToken::of)));
  }

  private static CachingCredentialsProvider.Builder cacheWindows(
      CachingCredentialsProvider.Builder cache, OpenConnectorsProperties.Login windows) {
    return cache.prefetch(windows.getPrefetch()).stale(windows.getStale());
  }

  private static RetryPolicy retry(OpenConnectorsProperties.Retry retry) {
    RetryPolicy retries =
        checked(
            "retry.max-retries",
            () -> RetryPolicy.defaults().withMaxRetries(retry.getMaxRetries()));
    RetryPolicy backoff =
        checked(
            "retry.min-backoff",
            () -> retries.withBackoff(retry.getMinBackoff(), retry.getMaxBackoff()));
    RetryPolicy jitter = checked("retry.jitter", () -> backoff.withJitter(retry.getJitter()));
    return checked(
        "retry.max-retry-after", () -> jitter.withMaxRetryAfter(retry.getMaxRetryAfter()));
  }

  private static String required(@Nullable String value, String property, String companion) {
    if (value == null) {
      throw invalid(
          PREFIX + property + " is not set, while " + PREFIX + companion + " is",
          List.of(property),
          "Set openconnectors." + property + " too.");
    }
    return value;
  }

  /** A secret value; its class's message names the kind and the fault, never the value. */
  private static <T> T secret(String text, String property, Function<String, T> of) {
    try {
      return of.apply(text);
    } catch (IllegalArgumentException bad) {
      throw invalid(
          PREFIX + property + " is not usable: " + bad.getMessage(),
          List.of(property),
          "Correct openconnectors." + property + ": copy the value again from the service.");
    }
  }

  /** Applies a setting; the client's refusal, which never quotes a secret, names the fault. */
  private static void set(String property, Runnable apply) {
    checked(
        property,
        () -> {
          apply.run();
          return property;
        });
  }

  /** A setting's result; the client's refusal, which never quotes a secret, names the fault. */
  private static <T> T checked(String property, Supplier<T> apply) {
    try {
      return apply.get();
    } catch (IllegalArgumentException | NullPointerException bad) {
      throw invalid(
          PREFIX + property + " is not valid: " + bad.getMessage(),
          List.of(property),
          "Correct openconnectors." + property + ".");
    }
  }

  private static InvalidOpenConnectorsPropertiesException invalid(
      @Nullable String problem, List<String> properties, String action) {
    return new InvalidOpenConnectorsPropertiesException(
        String.valueOf(problem), properties.stream().map(name -> PREFIX + name).toList(), action);
  }
}
