package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

class ClientBuilderTest {

  static final Credentials CREDENTIALS =
      Credentials.platform(UserSecret.of("u"), OrganizationSecret.of("o"));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2",
        "http://127.0.0.1:8080/elements/api-v2",
        "http://127.1.2.3/elements/api-v2",
        "http://localhost:8080/elements/api-v2",
        "http://[::1]:8080/elements/api-v2",
      })
  void acceptsHttpsAndLoopbackHttp(String baseUrl) {
    try (OpenConnectorsClient client =
        OpenConnectorsClient.builder().baseUrl(baseUrl).credentials(CREDENTIALS).build()) {
      assertThat(client.isDisposed()).isFalse();
    }
  }

  @Test
  void refusesPlainHttpToAnotherHostUnlessAllowed() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                OpenConnectorsClient.builder()
                    .baseUrl("http://api.example.com/elements/api-v2")
                    .credentials(CREDENTIALS)
                    .build())
        .withMessage(
            "baseUrl must use https: credentials would travel in clear to api.example.com"
                + " (call allowInsecureHttp() to allow it on a test network)");
    try (OpenConnectorsClient client =
        OpenConnectorsClient.builder()
            .baseUrl("http://api.example.com/elements/api-v2")
            .credentials(CREDENTIALS)
            .allowInsecureHttp()
            .build()) {
      assertThat(client.isDisposed()).isFalse();
    }
  }

  @Test
  void refusesIncompleteOrNonsenseConfiguration() {
    assertThatIllegalStateException()
        .isThrownBy(() -> OpenConnectorsClient.builder().credentials(CREDENTIALS).build())
        .withMessage("baseUrl is required");
    assertThatIllegalStateException()
        .isThrownBy(() -> OpenConnectorsClient.builder().baseUrl("https://example.com").build())
        .withMessage("credentials, a credentialsProvider or a bearerLogin is required");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                OpenConnectorsClient.builder()
                    .baseUrl("ftp://example.com")
                    .credentials(CREDENTIALS)
                    .build())
        .withMessage("baseUrl must be an http or https URL, not ftp");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OpenConnectorsClient.builder().pageSize(201))
        .withMessage("pageSize must be from 1 to 200, was 201");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OpenConnectorsClient.builder().maxConnections(0))
        .withMessage("maxConnections must be positive, was 0");
  }

  /**
   * A URL without a scheme, as copied from a log line or typed from memory: the message says what a
   * base URL looks like, never Java's parser's words or the URL itself.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1:8080/elements/api-v2",
        "localhost:8080/elements/api-v2",
        "api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2",
        "user:secret-password@api.example.com/elements/api-v2"
      })
  void aBaseUrlWithoutASchemeIsRefusedSayingWhatOneLooksLike(String withoutScheme) {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                OpenConnectorsClient.builder()
                    .baseUrl(withoutScheme)
                    .credentials(CREDENTIALS)
                    .build())
        .withMessage(
            "baseUrl must start with https:// (or http:// on loopback), such as"
                + " https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2")
        .withNoCause();
  }

  @Test
  void aTrailingSlashIsTheSameBaseUrl() {
    try (OpenConnectorsClient client =
        OpenConnectorsClient.builder()
            .baseUrl("https://api.example.com/elements/api-v2/")
            .credentials(CREDENTIALS)
            .build()) {
      assertThat(client.baseUrl()).hasToString("https://api.example.com/elements/api-v2");
    }
  }

  /** Each setter's refusal names the setter, whatever check it shares with the others. */
  @Test
  void refusalsNameTheSetterTheyCameFrom() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OpenConnectorsClient.builder().maxItemSize(0))
        .withMessage("maxItemSize must be positive, was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OpenConnectorsClient.builder().maxItemSize(-5))
        .withMessage("maxItemSize must be positive, was -5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OpenConnectorsClient.builder().responseTimeout(Duration.ZERO))
        .withMessage("responseTimeout must be positive, was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                CachingCredentialsProvider.builder(Mono.just(CREDENTIALS))
                    .backgroundRetryInterval(Duration.ofSeconds(-1)))
        .withMessage("backgroundRetryInterval must not be negative, was PT-1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RetryPolicy.defaults().withMaxRetryAfter(Duration.ofMillis(-1)))
        .withMessage("maxRetryAfter must not be negative, was PT-0.001S");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://user:hunter2@127.0.0.1/elements/api-v2",
        "https://user:hunter2@api.example.com/elements/api-v2",
        "ftp://user:hunter2@h/",
        "http://user:hunter2@h:abc/",
        "https://hunter2@h/",
      })
  void refusesAUserNameOrPasswordInTheBaseUrlWithoutQuotingIt(String baseUrl) {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> OpenConnectorsClient.builder().baseUrl(baseUrl).credentials(CREDENTIALS).build())
        .withMessage(
            "baseUrl must not hold a user name or password (before '@'): give credentials with"
                + " credentials(...), credentialsProvider(...) or bearerLogin(...)")
        .withNoCause();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://user:hunter2@h/a b",
        "http://user:hunter2@h/%zz",
        "hunter2 is not a url",
        "//hunter2/",
        "https:hunter2",
        "https://h/elements/api-v2?key=hunter2",
        "https://h/elements/api-v2#hunter2",
      })
  void errorsAboutTheBaseUrlNeverQuoteIt(String baseUrl) {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> OpenConnectorsClient.builder().baseUrl(baseUrl).credentials(CREDENTIALS).build())
        .satisfies(
            error -> {
              assertThat(error.getMessage()).startsWith("baseUrl ").doesNotContain("hunter2");
              assertThat(error).hasNoCause();
            });
  }

  @Test
  void closeReleasesThePool() {
    OpenConnectorsClient client =
        OpenConnectorsClient.builder()
            .baseUrl("https://example.com")
            .credentials(CREDENTIALS)
            .build();

    client.close();

    assertThat(client.isDisposed()).isTrue();
  }
}
