package io.github.openconnectors.reactor;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.time.Duration;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** A misbehaving service, for what the emulator will not do: scripted by each test. */
final class StubServer implements AutoCloseable {

  private final DisposableServer server;

  StubServer(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
    this.server = HttpServer.create().host("127.0.0.1").port(0).handle(handler).bindNow();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/elements/api-v2";
  }

  OpenConnectorsClient client() {
    return OpenConnectorsClient.builder()
        .baseUrl(baseUrl())
        .credentials(
            Credentials.platform(UserSecret.of("stub-user"), OrganizationSecret.of("stub-org")))
        .retry(RetryPolicy.none())
        .build();
  }

  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
  }
}
