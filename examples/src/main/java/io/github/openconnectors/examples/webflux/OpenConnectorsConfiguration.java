package io.github.openconnectors.examples.webflux;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The client as a bean, from {@link OpenConnectorsProperties}: a bearer log-in when a user name is
 * set, else the user and organization secrets. Spring closes it with the context.
 */
@Configuration(proxyBeanMethods = false)
class OpenConnectorsConfiguration {

  @Bean
  OpenConnectorsClient openConnectorsClient(OpenConnectorsProperties properties) {
    String baseUrl = properties.baseUrl();
    if (baseUrl == null) {
      throw new IllegalStateException(
          "openconnectors.base-url is not set: set it, or OPEN_CONNECTORS_BASE_URL, to the"
              + " tenant's API, such as"
              + " https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2");
    }
    OpenConnectorsClient.Builder builder = OpenConnectorsClient.builder().baseUrl(baseUrl);
    String username = properties.username();
    if (username != null) {
      String password = properties.password();
      if (password == null) {
        throw new IllegalStateException("openconnectors.username is set without a password");
      }
      builder.bearerLogin(username, password);
    } else {
      builder.credentials(secrets(properties));
    }
    Duration responseTimeout = properties.responseTimeout();
    if (responseTimeout != null) {
      builder.responseTimeout(responseTimeout);
    }
    return builder.build();
  }

  private static Credentials secrets(OpenConnectorsProperties properties) {
    String user = properties.userSecret();
    String organization = properties.organizationSecret();
    if (user == null || organization == null) {
      throw new IllegalStateException(
          "set openconnectors.user-secret and openconnectors.organization-secret (or"
              + " OPEN_CONNECTORS_USER_SECRET and OPEN_CONNECTORS_ORGANIZATION_SECRET), or"
              + " openconnectors.username and openconnectors.password for a bearer log-in");
    }
    // The library's messages name the secret's kind and the fault, never its value.
    return Credentials.platform(UserSecret.of(user), OrganizationSecret.of(organization));
  }
}
