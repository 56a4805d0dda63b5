package io.github.openconnectors.redis;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.time.Duration;
import reactor.core.publisher.Flux;

/**
 * One replica of an application in a JVM of its own, for {@link SeparateJvmsTest}: logs in through
 * the fleet's shared cache and makes its calls. Arguments: the service's base URL, the Redis URL,
 * the sealing key, the username, the password, an instance id, how many calls. Prints the count of
 * calls that succeeded; exits 0 when all did.
 */
final class Replica {

  private Replica() {}

  public static void main(String[] args) {
    String baseUrl = args[0];
    long id = Long.parseLong(args[5]);
    int calls = Integer.parseInt(args[6]);
    try (RedisSharedCache fleet =
            RedisSharedCache.builder(args[1], args[2])
                .timeout(Duration.ofSeconds(3))
                .connectTimeout(Duration.ofSeconds(10))
                // Two JVMs starting at once on a busy machine: a cold log-in may take a while.
                .lease(Duration.ofSeconds(60))
                .build();
        OpenConnectorsClient client =
            OpenConnectorsClient.builder()
                .baseUrl(baseUrl)
                .bearerLogin(args[3], args[4])
                .sharedCache(fleet)
                .build()) {
      Long done =
          Flux.range(0, calls)
              .flatMap(call -> client.instance(id), calls)
              .count()
              .block(Duration.ofSeconds(60));
      System.out.println("calls=" + done + " fallbacks=" + fleet.fallbacks());
      System.exit(done != null && done == calls && fleet.fallbacks() == 0 ? 0 : 1);
    }
  }
}
