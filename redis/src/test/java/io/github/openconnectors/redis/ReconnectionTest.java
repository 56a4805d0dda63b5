package io.github.openconnectors.redis;

import static io.github.openconnectors.redis.RedisTests.KEY;
import static io.github.openconnectors.redis.RedisTests.cache;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.reactor.fleet.SharedValue;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * A replica shares through Redis again, within {@link RedisSharedCache#SHARES_AGAIN_WITHIN} of
 * Redis answering again, however its connection was lost: killed from the server's side, Redis
 * restarted again and again under 8 replicas, a connection that Lettuce never brings back, or an
 * attempt to connect that never finishes. {@code scripts/redis-restart-loop.sh} runs the restarts
 * many more times.
 */
class ReconnectionTest {

  /** How many restarts {@link #everyReplicaSharesAgainAfterEachRestart} makes; 20 in the loop. */
  static final int RESTARTS = Integer.getInteger("redis.restarts", 3);

  static final int REPLICAS = 8;

  RedisServer redis;
  final List<RedisSharedCache> caches = new ArrayList<>();
  final List<RedisClient> clients = new ArrayList<>();
  final Disposable.Composite traffic = Disposables.composite();

  @BeforeEach
  void startRedis() {
    redis = RedisTests.redis();
  }

  @AfterEach
  void stop() {
    traffic.dispose();
    caches.forEach(RedisSharedCache::close);
    clients.forEach(client -> client.shutdownAsync());
    if (redis != null) {
      redis.close();
    }
  }

  /** Sends a command every 50 ms, as a replica serving requests does. */
  void serve(RedisSharedCache cache) {
    traffic.add(
        Flux.interval(Duration.ofMillis(50))
            .onBackpressureDrop()
            .concatMap(tick -> cache.rateBudget().pauseLeft("organization:traffic"), 1)
            .subscribe());
  }

  static Duration await(BooleanSupplier condition, Duration atMost) {
    long started = System.nanoTime();
    long deadline = started + atMost.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return Duration.ofNanos(System.nanoTime() - started);
      }
      Mono.delay(Duration.ofMillis(10)).block();
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Test
  void aConnectionLettuceNeverBringsBackIsMadeAgain() {
    // An application's client that does not reconnect: what a wedged or given-up watchdog leaves.
    RedisClient client = RedisClient.create();
    clients.add(client);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
    RedisSharedCache cache =
        RedisSharedCache.builder(client, RedisURI.create(redis.url()), KEY).build();
    caches.add(cache);
    cache.get("warm-up", Mono.just(SharedValue.untilRefused("-"))).block(Duration.ofSeconds(30));
    serve(cache);

    assertThat(redis.command("CLIENT KILL TYPE normal")).isEqualTo(":1");
    assertThat(await(() -> !cache.isSharing(), Duration.ofSeconds(5)))
        .as("the kill noticed")
        .isLessThan(Duration.ofSeconds(5));

    assertThat(await(cache::isSharing, RedisSharedCache.SHARES_AGAIN_WITHIN.plusSeconds(1)))
        .as("shares again on a new connection")
        .isLessThanOrEqualTo(RedisSharedCache.SHARES_AGAIN_WITHIN);
  }

  @Test
  void connectionsKilledByTheServerComeBack() {
    List<RedisSharedCache> fleet = fleet();

    assertThat(redis.command("CLIENT KILL TYPE normal")).isEqualTo(":" + REPLICAS);

    for (RedisSharedCache replica : fleet) {
      assertThat(await(() -> sharesNow(replica), RedisSharedCache.SHARES_AGAIN_WITHIN))
          .as("%s shares again", replica)
          .isLessThanOrEqualTo(RedisSharedCache.SHARES_AGAIN_WITHIN);
    }
  }

  @Test
  void everyReplicaSharesAgainAfterEachRestart() {
    List<RedisSharedCache> fleet = fleet();

    for (int restart = 1; restart <= RESTARTS; restart++) {
      redis.stop();
      int round = restart;
      for (RedisSharedCache replica : fleet) {
        assertThat(await(() -> !replica.isSharing(), Duration.ofSeconds(5)))
            .as("restart %d: %s noticed Redis gone", round, replica)
            .isLessThan(Duration.ofSeconds(5));
      }
      redis.restart();
      long back = System.nanoTime();
      for (RedisSharedCache replica : fleet) {
        await(() -> sharesNow(replica), RedisSharedCache.SHARES_AGAIN_WITHIN.plusSeconds(1));
        assertThat(Duration.ofNanos(System.nanoTime() - back))
            .as("restart %d: %s shares again", round, replica)
            .isLessThanOrEqualTo(RedisSharedCache.SHARES_AGAIN_WITHIN);
      }
      // The figure the loop script's log gives, restart by restart.
      System.out.printf(
          "restart %d: all %d replicas share again %d ms after Redis is back%n",
          restart, REPLICAS, Duration.ofNanos(System.nanoTime() - back).toMillis());
    }
  }

  @Test
  void anAttemptToConnectThatNeverFinishesIsGivenUp() throws Exception {
    // A server that takes connections and never answers, then Redis on the same port: an attempt
    // whose handshake never finishes (as one whose channel failed while Netty registered it) must
    // not keep the replica from sharing, or from hearing the fleet's notices, once Redis answers.
    // On an application's client, whose URI leaves Lettuce's handshake 60 s.
    RedisClient client = RedisClient.create();
    clients.add(client);
    redis.stop();
    RedisSharedCache cache;
    try (SilentServer silent = new SilentServer(redis.port())) {
      cache =
          RedisSharedCache.builder(client, RedisURI.create(redis.url()), KEY)
              .timeout(Duration.ofMillis(500))
              .connectTimeout(Duration.ofMillis(500))
              .build();
      caches.add(cache);
      silent.awaitTaken(2);
      silent.stopTaking();
      redis.restart();

      assertThat(
              await(
                  () -> sharesNow(cache) && cache.notices().live(),
                  RedisSharedCache.SHARES_AGAIN_WITHIN.plusSeconds(1)))
          .as("shares and hears the notices on new connections")
          .isLessThanOrEqualTo(RedisSharedCache.SHARES_AGAIN_WITHIN);
    }
  }

  @Test
  void anAttemptGivenUpLetsGoOfItsSocket() throws Exception {
    // On the cache's own client, Lettuce's handshake is given up as the cache gives up the attempt:
    // a server that takes connections and never answers is not left holding one per attempt.
    redis.stop();
    try (SilentServer silent = new SilentServer(redis.port())) {
      RedisSharedCache cache =
          RedisSharedCache.builder(redis.url(), KEY)
              .timeout(Duration.ofMillis(500))
              .connectTimeout(Duration.ofMillis(500))
              .build();
      caches.add(cache);
      List<Socket> taken = silent.awaitTaken(2);

      for (Socket socket : taken) {
        assertThat(closedByThePeer(socket, Duration.ofSeconds(5)))
            .as("the attempt's socket closed by the replica")
            .isTrue();
      }
    }
  }

  /** Whether the other end closes {@code socket} within {@code atMost}, whatever it sent first. */
  static boolean closedByThePeer(Socket socket, Duration atMost) throws IOException {
    socket.setSoTimeout((int) atMost.toMillis());
    try {
      byte[] sent = new byte[256];
      while (socket.getInputStream().read(sent) != -1) {
        // The handshake's HELLO, never answered.
      }
      return true;
    } catch (SocketTimeoutException stillOpen) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /**
   * Takes connections on a port and never answers them; those it took stay open until it is closed,
   * as they would on a server that hangs.
   */
  static final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> taken = new CopyOnWriteArrayList<>();

    SilentServer(int port) throws IOException {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      Thread taker =
          new Thread(
              () -> {
                try {
                  while (true) {
                    taken.add(server.accept());
                  }
                } catch (IOException stopped) {
                  // stopTaking() or close(): what was taken stays as it is.
                }
              },
              "silent-server");
      taker.setDaemon(true);
      taker.start();
    }

    /** The first {@code count} connections taken, once taken. */
    List<Socket> awaitTaken(int count) {
      assertThat(await(() -> taken.size() >= count, Duration.ofSeconds(5)))
          .as("%d connections taken and never answered", count)
          .isLessThan(Duration.ofSeconds(5));
      return List.copyOf(taken.subList(0, count));
    }

    /** Frees the port, keeping the connections taken open. */
    void stopTaking() throws IOException {
      server.close();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : taken) {
        socket.close();
      }
    }
  }

  @Test
  void aConnectionMadeAfterItsTimeoutIsClosed() {
    RedisClient client = RedisClient.create();
    clients.add(client);
    CompletableFuture<StatefulRedisConnection<String, String>> late = new CompletableFuture<>();

    StepVerifier.create(RedisConnection.connectWithin(Duration.ofMillis(50), () -> late))
        .expectError(TimeoutException.class)
        .verify(Duration.ofSeconds(5));
    StatefulRedisConnection<String, String> made = client.connect(RedisURI.create(redis.url()));
    late.complete(made);

    assertThat(await(() -> !made.isOpen(), Duration.ofSeconds(5)))
        .as("closed as it came")
        .isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theReadmeStatesTheBoundsAsTheCodeHasThem() throws Exception {
    String readme = Files.readString(Path.of("..", "docs", "many-replicas.md"));
    assertThat(readme)
        .contains(
            "stayed down for " + RedisConnection.RENEW_AFTER.toSeconds() + " s",
            "shares again within " + RedisSharedCache.SHARES_AGAIN_WITHIN.toSeconds() + " s**",
            "(`RedisSharedCache.SHARES_AGAIN_WITHIN`)");
  }

  /** Eight replicas, each serving. */
  List<RedisSharedCache> fleet() {
    List<RedisSharedCache> fleet = new ArrayList<>();
    for (int i = 0; i < REPLICAS; i++) {
      RedisSharedCache replica = cache(redis);
      caches.add(replica);
      fleet.add(replica);
      serve(replica);
    }
    return fleet;
  }

  /** Whether the replica shares and a command of its own goes through Redis now. */
  static boolean sharesNow(RedisSharedCache replica) {
    return replica.isSharing()
        && replica.link().mayCallRedis()
        && replica
            .link()
            .command(r -> r.ping())
            .onErrorResume(e -> Mono.empty())
            .blockOptional()
            .isPresent();
  }
}
