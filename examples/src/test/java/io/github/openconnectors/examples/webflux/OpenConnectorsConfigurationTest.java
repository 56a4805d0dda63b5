package io.github.openconnectors.examples.webflux;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenConnectorsConfigurationTest {

  static final String URL = "http://127.0.0.1:8080/elements/api-v2";
  static final String USER = "Us3r+secret/value=";
  static final String ORGANIZATION = "0rg-secret-value";

  final OpenConnectorsConfiguration configuration = new OpenConnectorsConfiguration();

  @Test
  void withoutABaseUrlSaysWhatToSet() {
    assertThatThrownBy(
            () ->
                configuration.openConnectorsClient(
                    new OpenConnectorsProperties(" ", USER, ORGANIZATION, null, null, null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "openconnectors.base-url is not set: set it, or OPEN_CONNECTORS_BASE_URL,");
  }

  @Test
  void withoutSecretsSaysWhichToSet() {
    assertThatThrownBy(
            () ->
                configuration.openConnectorsClient(
                    new OpenConnectorsProperties(URL, USER, null, null, null, null)))
        .hasMessageStartingWith(
            "set openconnectors.user-secret and openconnectors.organization-secret");
  }

  @Test
  void aBadSecretFailsNamingItsKindButNotItsValue() {
    assertThatThrownBy(
            () ->
                configuration.openConnectorsClient(
                    new OpenConnectorsProperties(URL, USER + "\n", ORGANIZATION, null, null, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("user secret contains a line break")
        .message()
        .doesNotContain(USER);
  }

  @Test
  void aUsernameNeedsAPassword() {
    assertThatThrownBy(
            () ->
                configuration.openConnectorsClient(
                    new OpenConnectorsProperties(URL, null, null, "demo@example.com", null, null)))
        .hasMessage("openconnectors.username is set without a password");
  }
}
