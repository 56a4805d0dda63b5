package io.github.openconnectors.examples.webflux;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code openconnectors.*}: where the tenant is and how to authenticate. The secrets are bound as
 * text and made into secret values by {@link OpenConnectorsConfiguration}, so that a bad one fails
 * with the library's message, which never holds it, instead of Spring's binding report, which would
 * quote it. {@link #toString()} names which are set, never a value.
 */
@ConfigurationProperties("openconnectors")
public final class OpenConnectorsProperties {

  private final @Nullable String baseUrl;
  private final @Nullable String userSecret;
  private final @Nullable String organizationSecret;
  private final @Nullable String username;
  private final @Nullable String password;
  private final @Nullable Duration responseTimeout;

  /**
   * Bound by Spring from {@code openconnectors.*}.
   *
   * @param baseUrl {@code openconnectors.base-url}, the tenant's API
   * @param userSecret {@code openconnectors.user-secret}
   * @param organizationSecret {@code openconnectors.organization-secret}
   * @param username {@code openconnectors.username}, for a bearer log-in instead of the secrets
   * @param password {@code openconnectors.password}
   * @param responseTimeout {@code openconnectors.response-timeout}, the client's default if unset
   */
  public OpenConnectorsProperties(
      @Nullable String baseUrl,
      @Nullable String userSecret,
      @Nullable String organizationSecret,
      @Nullable String username,
      @Nullable String password,
      @Nullable Duration responseTimeout) {
    this.baseUrl = blankToNull(baseUrl);
    this.userSecret = blankToNull(userSecret);
    this.organizationSecret = blankToNull(organizationSecret);
    this.username = blankToNull(username);
    this.password = blankToNull(password);
    this.responseTimeout = responseTimeout;
  }

  /**
   * The tenant's API.
   *
   * @return such as {@code https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2}
   */
  public @Nullable String baseUrl() {
    return baseUrl;
  }

  /**
   * The user secret, as configured.
   *
   * @return the text, or null when unset
   */
  public @Nullable String userSecret() {
    return userSecret;
  }

  /**
   * The organization secret, as configured.
   *
   * @return the text, or null when unset
   */
  public @Nullable String organizationSecret() {
    return organizationSecret;
  }

  /**
   * The user name of a bearer log-in.
   *
   * @return the name, or null when the secrets are used
   */
  public @Nullable String username() {
    return username;
  }

  /**
   * The password of a bearer log-in.
   *
   * @return the password, or null
   */
  public @Nullable String password() {
    return password;
  }

  /**
   * The client's response timeout.
   *
   * @return the timeout, or null for the client's default
   */
  public @Nullable Duration responseTimeout() {
    return responseTimeout;
  }

  /**
   * Names what is set, never a secret or password.
   *
   * @return such as {@code OpenConnectorsProperties[baseUrl=https://..., userSecret=[REDACTED],
   *     organizationSecret=[REDACTED]]}
   */
  @Override
  public String toString() {
    return "OpenConnectorsProperties[baseUrl="
        + baseUrl
        + ", userSecret="
        + redacted(userSecret)
        + ", organizationSecret="
        + redacted(organizationSecret)
        + ", username="
        + username
        + ", password="
        + redacted(password)
        + "]";
  }

  private static @Nullable String redacted(@Nullable String value) {
    return value == null ? null : "[REDACTED]";
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
