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
  private final @Nullable SharedSource<InstanceToken> shared;
  // Connector credentials handed out, and the client's credentials behind each: a handful at most
  // (one per rotation or re-resolution), so that a 401 can invalidate exactly what was refused.
  private final Map<Credentials, Credentials> clientBehind = new ConcurrentHashMap<>();

  private ConnectorCredentials(
      CredentialsProvider base,
      @Nullable RefreshingCache<InstanceToken> resolved,
      @Nullable InstanceToken fixed,
      @Nullable SharedSource<InstanceToken> shared) {
    this.base = base;
    this.resolved = resolved;
    this.fixed = fixed;
    this.shared = shared;
  }

  /**
   * Connector credentials whose token is looked up, through the fleet's shared cache when {@code
   * shared} is not null.
   */
  static ConnectorCredentials resolving(
      CredentialsProvider base,
      Mono<InstanceToken> lookup,
      @Nullable SharedSource<InstanceToken> shared,
      Instrumentation instrumentation) {
    RefreshingCache<InstanceToken> tokens =
        RefreshingCache.untilInvalidated(
            shared != null ? shared.get() : lookup,
            "the instance lookup completed without a token");
    if (instrumentation != Instrumentation.NONE) {
      tokens.listen(failure -> instrumentation.refreshed("instance-token", failure));
    }
    return new ConnectorCredentials(base, tokens, null, shared);
  }

  static ConnectorCredentials fixed(CredentialsProvider base, InstanceToken token) {
    return new ConnectorCredentials(base, null, token, null);
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
      stale
          .instanceToken()
          .ifPresent(
              token -> {
                // The fleet's first, so that the re-resolution waits for it.
                if (shared != null) {
                  shared.invalidate(token);
                }
                resolved.invalidate(token);
              });
    }
    Credentials client = clientBehind.remove(stale);
    if (client != null) {
      base.invalidate(client);
    }
  }
}
