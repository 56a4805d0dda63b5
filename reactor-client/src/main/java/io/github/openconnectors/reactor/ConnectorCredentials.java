package io.github.openconnectors.reactor;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The credentials of connector requests to one instance: the client's credentials with the
 * instance's token, resolved with {@code GET /instances/{id}} and cached (one lookup however many
 * requests wait for it), or fixed when the caller gave the token.
 *
 * <p>Invalidating connector credentials drops the cached token, so the next attempt resolves it
 * again, and hands the client's own credentials to their provider, since the 401 may as well mean a
 * rotated user secret; both drop only what was refused.
 */
final class ConnectorCredentials implements CredentialsProvider {

  private final CredentialsProvider base;
  private final @Nullable RefreshingCache<InstanceToken> resolved;
  private final @Nullable InstanceToken fixed;
  // Connector credentials handed out, and the client's credentials behind each: a handful at most
  // (one per rotation or re-resolution), so that a 401 can invalidate exactly what was refused.
  private final Map<Credentials, Credentials> clientBehind = new ConcurrentHashMap<>();

  private ConnectorCredentials(
      CredentialsProvider base,
      @Nullable RefreshingCache<InstanceToken> resolved,
      @Nullable InstanceToken fixed) {
    this.base = base;
    this.resolved = resolved;
    this.fixed = fixed;
  }

  static ConnectorCredentials resolving(
      CredentialsProvider base, Mono<InstanceToken> lookup, Instrumentation instrumentation) {
    RefreshingCache<InstanceToken> tokens =
        RefreshingCache.untilInvalidated(lookup, "the instance lookup completed without a token");
    if (instrumentation != Instrumentation.NONE) {
      tokens.listen(failure -> instrumentation.refreshed("instance-token", failure));
    }
    return new ConnectorCredentials(base, tokens, null);
  }

  static ConnectorCredentials fixed(CredentialsProvider base, InstanceToken token) {
    return new ConnectorCredentials(base, null, token);
  }

  @Override
  public Mono<Credentials> credentials() {
    Mono<InstanceToken> token = resolved != null ? resolved.get() : Mono.justOrEmpty(fixed);
    return base.credentials()
        .zipWith(
            token,
            (client, instanceToken) -> {
              Credentials connector = client.withInstanceToken(instanceToken);
              if (clientBehind.size() > 16) {
                clientBehind.clear();
              }
              clientBehind.put(connector, client);
              return connector;
            });
  }

  @Override
  public void invalidate(Credentials stale) {
    if (resolved != null) {
      stale.instanceToken().ifPresent(resolved::invalidate);
    }
    Credentials client = clientBehind.remove(stale);
    if (client != null) {
      base.invalidate(client);
    }
  }
}
