package io.github.openconnectors.reactor;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.reactor.fleet.RequestRate;
import io.github.openconnectors.reactor.fleet.SharedCache;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Makes the connector clients of one {@link OpenConnectorsClient}: each with its instance's
 * credentials (a token looked up by id, cached, shared with the fleet, looked up again after a 401;
 * or a token given) and its instance's rate, on the client's requests. One per instance id, kept.
 */
final class ConnectorClients {

  private final Requests requests;
  private final CredentialsProvider credentials;
  private final URI baseUrl;
  private final @Nullable SharedCache sharedCache;
  private final @Nullable RequestRate instanceRate;
  private final Instrumentation instrumentation;
  private final int pageSize;
  private final Map<Long, ConnectorClient> byId = new ConcurrentHashMap<>();

  ConnectorClients(
      Requests requests,
      CredentialsProvider credentials,
      URI baseUrl,
      @Nullable SharedCache sharedCache,
      @Nullable RequestRate instanceRate,
      Instrumentation instrumentation,
      int pageSize) {
    this.requests = requests;
    this.credentials = credentials;
    this.baseUrl = baseUrl;
    this.sharedCache = sharedCache;
    this.instanceRate = instanceRate;
    this.instrumentation = instrumentation;
    this.pageSize = pageSize;
  }

  /** The connector client of an instance known by id: the same one at every call. */
  ConnectorClient byId(long instanceId) {
    return byId.computeIfAbsent(instanceId, this::resolving);
  }

  private ConnectorClient resolving(long instanceId) {
    Mono<InstanceToken> lookup =
        InstanceReader.lookUp(requests, instanceId)
            .map(
                found ->
                    found
                        .token()
                        .orElseThrow(
                            () ->
                                new ProtocolException(
                                    ErrorContext.noResponse(
                                            "GET",
                                            baseUrl,
                                            new RequestUri("/instances/" + instanceId))
                                        .withStatus(200, null),
                                    "the instance has no token (field token): its connector API"
                                        + " cannot be called",
                                    null)));
    SharedSource<InstanceToken> shared =
        sharedCache == null
            ? null
            : new SharedSource<>(
                sharedCache,
                FleetKeys.of(baseUrl, "instance-token", Long.toString(instanceId)),
                lookup,
                InstanceToken::reveal,
                InstanceToken::of,
                token -> Optional.empty());
    ConnectorCredentials resolving =
        ConnectorCredentials.resolving(credentials, lookup, shared, instrumentation);
    return connectorClient(resolving, FleetKeys.of(baseUrl, "instance", Long.toString(instanceId)));
  }

  /** The connector client of an instance known by its token; paced by a digest of the token. */
  ConnectorClient byToken(InstanceToken token) {
    return connectorClient(
        ConnectorCredentials.fixed(credentials, token),
        // The instance's id is not known here.
        FleetKeys.of(baseUrl, "instance-token", token.reveal()));
  }

  private ConnectorClient connectorClient(ConnectorCredentials instanceCredentials, String scope) {
    return new ConnectorClient(
        requests
            .withCredentials(instanceCredentials)
            .withPacing(pacing -> pacing.forInstance(scope, instanceRate)),
        instanceCredentials,
        pageSize);
  }
}
