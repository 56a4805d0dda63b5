package io.github.openconnectors.reactor;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import java.util.concurrent.atomic.AtomicReference;
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
  // The last pair handed out, to find the client's credentials behind refused connector ones.
  private final AtomicReference<Pair> last = new AtomicReference<>();

  private ConnectorCredentials(
      CredentialsProvider base,
      @Nullable RefreshingCache<InstanceToken> resolved,
      @Nullable InstanceToken fixed) {
    this.base = base;
    this.resolved = resolved;
    this.fixed = fixed;
  }

  static ConnectorCredentials resolving(CredentialsProvider base, Mono<InstanceToken> lookup) {
    return new ConnectorCredentials(
        base,
        RefreshingCache.untilInvalidated(lookup, "the instance lookup completed without a token"),
        null);
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
              last.set(new Pair(client, connector));
              return connector;
            });
  }

  @Override
  public void invalidate(Credentials stale) {
    if (resolved != null) {
      stale.instanceToken().ifPresent(resolved::invalidate);
    }
    Pair pair = last.get();
    if (pair != null && pair.connector.equals(stale)) {
      base.invalidate(pair.client);
    }
  }

  /** Client credentials and the connector credentials made of them. Never printed. */
  private static final class Pair {
    final Credentials client;
    final Credentials connector;

    Pair(Credentials client, Credentials connector) {
      this.client = client;
      this.connector = connector;
    }
  }
}
