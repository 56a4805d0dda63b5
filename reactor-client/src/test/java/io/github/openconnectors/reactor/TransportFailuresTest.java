package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.tcp.SslProvider;
import reactor.test.StepVerifier;

/** Failures before any response: each says what happened, and only transient ones are retried. */
class TransportFailuresTest {

  static final Credentials CREDENTIALS =
      Credentials.platform(UserSecret.of("u"), OrganizationSecret.of("o"));

  static OpenConnectorsClient client(String baseUrl) {
    return OpenConnectorsClient.builder()
        .baseUrl(baseUrl)
        .credentials(CREDENTIALS)
        .retry(RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)))
        .build();
  }

  /** A loopback port with nothing listening (a privileged one, so no test server takes it). */
  static int closedPort(int digits) throws Exception {
    for (int port = digits == 1 ? 1 : 10; port < (digits == 1 ? 10 : 100); port++) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
      } catch (IOException refused) {
        return port;
      }
    }
    throw new IllegalStateException("every port of " + digits + " digits is open");
  }

  @Test
  void aPortOfOneDigitIsRefusedLikeAnyOtherNeverLookedUpAsAName() throws Exception {
    for (int digits : new int[] {1, 2}) {
      int port = closedPort(digits);
      try (OpenConnectorsClient client = client("http://127.0.0.1:" + port + "/elements/api-v2")) {
        StepVerifier.create(client.instance(1))
            .expectErrorSatisfies(
                error -> {
                  assertThat(error)
                      .isInstanceOf(ConnectionException.class)
                      .hasMessageStartingWith(
                          "GET http://127.0.0.1:"
                              + port
                              + "/elements/api-v2/instances/1: no response:")
                      .hasMessageContaining("Connection refused")
                      .hasMessageNotContaining("resolve");
                  assertThat(((ConnectionException) error).isTransient()).isTrue();
                })
            .verify(Duration.ofSeconds(10));
      }
    }
  }

  @Test
  void tlsToAServerThatSpeaksPlainHttpFailsAtOnce() {
    assertFailsOnItsOnlyConnection(
        HttpServer.create(),
        "the TLS handshake failed: the server did not answer in TLS (is it plain http?)");
  }

  @Test
  void aCertificateTheClientDoesNotTrustFailsAtOnce() throws Exception {
    Http11SslContextSpec serverTls = Http11SslContextSpec.forServer(selfSignedKeys());
    assertFailsOnItsOnlyConnection(
        HttpServer.create()
            .secure(tls -> tls.sslContext((SslProvider.GenericSslContextSpec<?>) serverTls)),
        "the TLS handshake failed: SSLHandshakeException");
  }

  /**
   * An https client of the server fails with a {@link ConnectionException} that is not transient,
   * whose message names the request and starts its problem as given, after one connection: never
   * retried.
   */
  static void assertFailsOnItsOnlyConnection(HttpServer server, String problem) {
    AtomicInteger connections = new AtomicInteger();
    DisposableServer running =
        server
            .host("127.0.0.1")
            .port(0)
            .doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
            .handle((request, response) -> response.sendString(Mono.just("[]")))
            .bindNow();
    String baseUrl = "https://127.0.0.1:" + running.port() + "/elements/api-v2";
    try (OpenConnectorsClient client = client(baseUrl)) {
      StepVerifier.create(client.instance(1))
          .expectErrorSatisfies(
              error -> {
                assertThat(error)
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("GET " + baseUrl + "/instances/1: " + problem);
                assertThat(((ConnectionException) error).isTransient()).isFalse();
              })
          .verify(Duration.ofSeconds(10));
      assertThat(connections).as("tried once, never retried").hasValue(1);
    } finally {
      running.disposeNow(Duration.ofSeconds(5));
    }
  }

  /** A key pair for localhost with a self-signed certificate, made once with keytool. */
  static KeyManagerFactory selfSignedKeys() throws Exception {
    char[] password = "test-keystore".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = TransportFailuresTest.class.getResourceAsStream("/tls/self-signed.p12")) {
      store.load(in, password);
    }
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    return keys;
  }
}
