package io.github.openconnectors.examples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * The NDJSON stream of {@link InstancesApplicationTest}, from three sources that differ only in the
 * thread that hands the writer its items: the client's listing (its connection's event loop), the
 * same instances from an event loop of their own, and the same instances on the thread that asks
 * for them (the server's). {@code scripts/ndjson-stall-loop.sh} runs each in cold JVMs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NdjsonSourcesTest {

  static final int GENERATED = 10_000;

  /**
   * Which source {@link #streamsEveryItemInOrder} reads: {@code client}, {@code loop}, {@code
   * caller}.
   */
  static final String SOURCE = System.getProperty("ndjson.source", "client");

  static final DefaultEventLoop OTHER_LOOP = new DefaultEventLoop();

  static final StreamProbe PROBE = new StreamProbe();

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension SERVICE =
      OpenConnectorsEmulatorExtension.configured(builder -> builder.instances(GENERATED));

  @DynamicPropertySource
  static void tenant(DynamicPropertyRegistry registry) {
    SERVICE.properties(registry::add);
  }

  @TestConfiguration
  static class Sources {
    @Bean
    NettyServerCustomizer probeServerConnections() {
      return server -> server.doOnConnection(c -> PROBE.serverChannels.add(c.channel()));
    }

    @Bean
    RouterFunction<ServerResponse> probe(OpenConnectorsClient client) {
      Scheduler otherLoop = Schedulers.fromExecutor(OTHER_LOOP);
      // Read once, on the test's thread, for the sources that replay them.
      List<Instance> all =
          SOURCE.equals("client") ? List.of() : client.instances().collectList().block();
      return RouterFunctions.route()
          .GET(
              "/probe",
              request -> {
                Flux<Instance> items =
                    switch (SOURCE) {
                      case "client" -> client.instances();
                      case "loop", "caller" -> {
                        Flux<Instance> range = Flux.range(0, GENERATED).map(i -> all.get(i));
                        yield SOURCE.equals("loop") ? range.publishOn(otherLoop, 32) : range;
                      }
                      default -> throw new IllegalStateException("unknown source " + SOURCE);
                    };
                return ServerResponse.ok()
                    .contentType(MediaType.APPLICATION_NDJSON)
                    .body(PROBE.watch(items), Instance.class);
              })
          .build();
    }
  }

  @LocalServerPort int port;

  @AfterAll
  static void stopLoop() {
    OTHER_LOOP.shutdownGracefully();
  }

  @Test
  void streamsEveryItemInOrder() {
    HttpClient http = HttpClient.create().doOnConnected(c -> PROBE.clientChannels.add(c.channel()));
    WebTestClient web =
        WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
            .baseUrl("http://127.0.0.1:" + port)
            .responseTimeout(Duration.ofSeconds(60))
            .build();
    Flux<JsonNode> body =
        web.get()
            .uri("/probe")
            .accept(MediaType.APPLICATION_NDJSON)
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(JsonNode.class)
            .getResponseBody();

    AtomicLong previous = new AtomicLong(100_000);
    try {
      StepVerifier.create(body)
          .thenConsumeWhile(
              view -> {
                assertThat(view.path("id").asLong()).isEqualTo(previous.get() + 1);
                previous.incrementAndGet();
                return true;
              })
          .expectComplete()
          .verify(Duration.ofSeconds(Long.getLong("ndjson.timeoutSeconds", 30)));
    } catch (AssertionError stalled) {
      System.err.println("== the test received " + (previous.get() - 100_000) + " items");
      System.err.println(PROBE.report());
      throw stalled;
    }
    assertThat(previous.get()).isEqualTo(100_000 + GENERATED);
  }
}
