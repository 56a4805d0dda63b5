package io.github.openconnectors.reactor;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/** Watches a client's pool through Reactor Netty's metrics hook: connections in use and idle. */
final class PoolWatch implements ConnectionProvider.MeterRegistrar {

  private final Map<SocketAddress, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

  @Override
  public void registerMetrics(
      String poolName, String id, SocketAddress remoteAddress, ConnectionPoolMetrics metrics) {
    pools.put(remoteAddress, metrics);
  }

  /** Installs the watch on a client's pool. */
  ConnectionProvider.Builder install(ConnectionProvider.Builder pool) {
    return pool.metrics(true, () -> this);
  }

  int acquired() {
    return pools.values().stream().mapToInt(ConnectionPoolMetrics::acquiredSize).sum();
  }

  int idle() {
    return pools.values().stream().mapToInt(ConnectionPoolMetrics::idleSize).sum();
  }
}
