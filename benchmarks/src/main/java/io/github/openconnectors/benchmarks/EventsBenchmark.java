package io.github.openconnectors.benchmarks;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import io.github.openconnectors.spring.OpenConnectorsEventHandler;
import io.github.openconnectors.spring.OpenConnectorsEventsAutoConfiguration;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.web.context.reactive.AnnotationConfigReactiveWebApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * 9. Events: signed deliveries per second through the starter's receiving endpoint, as its
 * auto-configuration makes it (verifying each body, remembering each id, handing it to a handler
 * that does nothing), side by side in the same rounds with a route on the same server that only
 * reads the body and answers 200: the ratio is what verifying and the bookkeeping cost.
 */
final class EventsBenchmark {

  static final String KEY = "benchmark-event-signature-key";
  static final int IN_FLIGHT = 16;

  private EventsBenchmark() {}

  static void run(Settings settings, PrintStream out) {
    int deliveries = settings.quick() ? 5_000 : 40_000;
    byte[] body = body();
    String signature = WebhookSignature.sign(EventSignatureKey.of(KEY), body);
    try (AnnotationConfigReactiveWebApplicationContext context = starter()) {
      @SuppressWarnings("unchecked") // the starter's one RouterFunction bean, of ServerResponse
      RouterFunction<ServerResponse> endpoint = context.getBean(RouterFunction.class);
      RouterFunction<ServerResponse> routes =
          endpoint.and(
              RouterFunctions.route(
                  RequestPredicates.POST("/plain"),
                  request ->
                      DataBufferUtils.join(request.bodyToFlux(DataBuffer.class))
                          .doOnNext(DataBufferUtils::release)
                          .then(ServerResponse.ok().build())));
      DisposableServer server =
          HttpServer.create()
              .host("127.0.0.1")
              .port(0)
              .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes)))
              .bindNow();
      ConnectionProvider pool = ConnectionProvider.create("events-benchmark", IN_FLIGHT);
      HttpClient client = HttpClient.create(pool).host("127.0.0.1").port(server.port());
      try {
        out.printf(
            "%n## 9. Events: %,d signed deliveries of %d bytes, %d in flight, through the"
                + " starter's endpoint%n%n",
            deliveries, body.length, IN_FLIGHT);
        List<Double> verified = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        AtomicLong ids = new AtomicLong();
        for (int round = 0; round < settings.warmups() + settings.rounds(); round++) {
          // Alternating which goes first, so that neither always meets a warmer machine.
          boolean endpointFirst = round % 2 == 0;
          double a = 0;
          double b = 0;
          for (int turn = 0; turn < 2; turn++) {
            boolean endpointTurn = (turn == 0) == endpointFirst;
            double perSecond =
                post(client, endpointTurn ? "/events" : "/plain", body, signature, deliveries, ids);
            if (endpointTurn) {
              a = perSecond;
            } else {
              b = perSecond;
            }
          }
          if (round >= settings.warmups()) {
            verified.add(a);
            plain.add(b);
            ratios.add(a / b);
          }
        }
        out.println("| route | deliveries/s, median | min | max |");
        out.println("|---|---:|---:|---:|");
        out.printf(
            "| (a) the starter's endpoint: verified, deduplicated, handed over | %s | %s | %s |%n",
            Stats.count(Stats.median(verified)),
            Stats.count(Stats.min(verified)),
            Stats.count(Stats.max(verified)));
        out.printf(
            "| (b) the same server, body read and answered 200 | %s | %s | %s |%n",
            Stats.count(Stats.median(plain)),
            Stats.count(Stats.min(plain)),
            Stats.count(Stats.max(plain)));
        out.printf(
            "%n(a)/(b) per round: %s; median %s.%n",
            String.join(", ", ratios.stream().map(Stats::ratio).toList()),
            Stats.ratio(Stats.median(ratios)));
      } finally {
        server.disposeNow(Duration.ofSeconds(5));
        pool.disposeLater().block(Duration.ofSeconds(5));
      }
    }
  }

  /** The starter's auto-configuration, as a WebFlux application with the two properties has it. */
  private static AnnotationConfigReactiveWebApplicationContext starter() {
    AnnotationConfigReactiveWebApplicationContext context =
        new AnnotationConfigReactiveWebApplicationContext();
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                "benchmark",
                Map.of(
                    "openconnectors.events.path", "/events",
                    "openconnectors.events.signature-key", KEY,
                    // As many ids as a round sends and more: none is forgotten and taken twice.
                    "openconnectors.events.remembered-ids", "1000000")));
    context.registerBean(OpenConnectorsEventHandler.class, () -> event -> Mono.<Void>empty());
    context.register(OpenConnectorsEventsAutoConfiguration.class);
    context.refresh();
    return context;
  }

  /** Posts {@code count} deliveries, each with an id of its own; deliveries per second. */
  private static double post(
      HttpClient client, String path, byte[] body, String signature, int count, AtomicLong ids) {
    long started = System.nanoTime();
    Long answered =
        Flux.range(0, count)
            .flatMap(
                i ->
                    client
                        .headers(
                            headers ->
                                headers
                                    .set("Content-Type", "application/json")
                                    .set(WebhookSignature.ID_HEADER, "d-" + ids.incrementAndGet())
                                    .set(WebhookSignature.HEADER, signature))
                        .post()
                        .uri(path)
                        .send(ByteBufFlux.fromInbound(Mono.just(body)))
                        .responseSingle((response, content) -> Mono.just(response.status().code())),
                IN_FLIGHT)
            .filter(status -> status == 200)
            .count()
            .block(Duration.ofMinutes(5));
    long elapsed = System.nanoTime() - started;
    if (answered == null || answered != count) {
      throw new IllegalStateException(
          path + ": " + answered + " of " + count + " deliveries answered 200");
    }
    return count / (elapsed / 1e9);
  }

  /** A notification as the emulator sends one: about 600 bytes. */
  private static byte[] body() {
    return ("{\"message\":{\"eventId\":\"1\",\"instanceId\":1234,\"instance_id\":1234,"
            + "\"instanceName\":\"CRM (prod)\",\"elementKey\":\"sfdc\",\"instance_tags\":[\"prod\"],"
            + "\"accountId\":1,\"companyId\":1,\"userId\":7,\"pollDate\":\"2026-12-03T10:15:30Z\","
            + "\"events\":[{\"date\":\"2026-12-03T10:15:30Z\",\"elementKey\":\"sfdc\","
            + "\"eventType\":\"UPDATED\",\"objectType\":\"contacts\",\"objectId\":\"003i0000032SVcm\"}],"
            + "\"raw\":{\"action\":\"update\",\"objectType\":\"contacts\",\"objectId\":\"003i0000032SVcm\","
            + "\"Email\":\"ada@example.com\",\"FirstName\":\"Ada\",\"LastName\":\"Lovelace\","
            + "\"Phone\":\"(419) 419-4194\",\"LastModifiedDate\":\"2026-12-03T10:15:30.000+0000\"}}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
