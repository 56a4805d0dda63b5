package io.github.openconnectors.reactor;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * The soak's leaked buffer, reduced to Reactor Netty alone: many exchanges whose response bodies
 * are read, left unread, or read on another thread, each cancelled from another thread at a random
 * moment while its chunks (and the last one) arrive, some cut off by the server mid-response. Not a
 * test: run by {@code scripts/cancel-race.sh} with paranoid leak detection, whose reports ({@code
 * LEAK:}) it counts; {@code scripts/README.md} holds the counts.
 */
final class CancelRaceMain {

  private CancelRaceMain() {}

  public static void main(String[] args) throws InterruptedException {
    int exchanges = Integer.parseInt(args[0]);
    int inFlight = 16;
    Scheduler other = Schedulers.newParallel("cancelling", 2);
    DisposableServer server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (request, response) ->
                    request.requestHeaders().contains("x-abort")
                        // Two chunks, then the connection is closed mid-response.
                        ? response.sendString(
                            Flux.just("[{\"id\":1},", "{\"id\":2},")
                                .concatWith(Mono.error(new IllegalStateException("cut"))))
                        : response.sendString(
                            Flux.range(0, 4)
                                .map(
                                    i ->
                                        "{\"chunk\":" + i + ",\"pad\":\"" + "x".repeat(200) + "\"}")
                                .delayElements(
                                    Duration.ofNanos(ThreadLocalRandom.current().nextInt(50_000)))))
            .bindNow();
    LoopResources loops = LoopResources.create("client", 2, true);
    ConnectionProvider pool = ConnectionProvider.create("cancel-race", inFlight);
    HttpClient client = HttpClient.create(pool).runOn(loops).host("127.0.0.1").port(server.port());
    Semaphore slots = new Semaphore(inFlight);
    AtomicLong ended = new AtomicLong();
    try {
      for (int i = 0; i < exchanges; i++) {
        slots.acquire();
        int shape = i % 4;
        Flux<Integer> exchange =
            client
                .headers(
                    headers -> {
                      if (shape == 3) {
                        headers.set("x-abort", "1");
                      }
                    })
                .get()
                .uri("/")
                .response(
                    (response, body) ->
                        switch (shape) {
                          // Read on the connection's loop.
                          case 0, 3 -> body.map(ByteBuf::readableBytes);
                          // Never read: left to the finalizer's discard.
                          case 1 ->
                              Mono.delay(
                                      Duration.ofNanos(
                                          ThreadLocalRandom.current().nextInt(100_000)))
                                  .map(ignored -> 0);
                          // Asked for one at a time from another thread.
                          default -> body.publishOn(other, 1).map(ByteBuf::readableBytes);
                        });
        exchange
            .subscribeOn(other)
            .take(Duration.ofNanos(ThreadLocalRandom.current().nextInt(200_000)), other)
            .doFinally(
                signal -> {
                  ended.incrementAndGet();
                  slots.release();
                })
            .subscribe(item -> {}, failure -> {});
        if (i % 10_000 == 0) {
          System.gc();
        }
      }
      slots.acquire(inFlight);
      // Leaks are reported when a buffer is collected and another is allocated after.
      for (int i = 0; i < 5; i++) {
        System.gc();
        Thread.sleep(200);
        client.get().uri("/").responseContent().aggregate().asString().block(Duration.ofSeconds(5));
      }
      System.out.println(ended.get() + " exchanges ended");
    } finally {
      server.disposeNow();
      pool.disposeLater().block(Duration.ofSeconds(5));
      loops.disposeLater().block(Duration.ofSeconds(5));
      other.dispose();
    }
  }
}
