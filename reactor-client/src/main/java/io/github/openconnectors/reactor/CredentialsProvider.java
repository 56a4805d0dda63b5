package io.github.openconnectors.reactor;

import io.github.openconnectors.core.Credentials;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * Supplies the credentials for each request. The client asks for them afresh on every attempt, so a
 * provider whose credentials change (a vault, a log-in, a rotated secret) is followed at once.
 *
 * <pre>{@code
 * CredentialsProvider fixed = CredentialsProvider.of(credentials);
 * CredentialsProvider fromVault = () -> vault.read("open-connectors").map(Credentials::parse);
 * }</pre>
 */
@FunctionalInterface
public interface CredentialsProvider {

  /**
   * The credentials to use now. Called once per request attempt; must not block.
   *
   * @return a Mono of the current credentials
   */
  Mono<Credentials> credentials();

  /**
   * Tells the provider that these credentials were refused, so that a caching provider can stop
   * handing them out. Only credentials equal to {@code stale} are dropped: credentials that were
   * already replaced stay. The default does nothing.
   *
   * @param stale the credentials a request was refused with
   */
  default void invalidate(Credentials stale) {}

  /**
   * A provider of fixed credentials.
   *
   * @param credentials the credentials
   * @return the provider
   * @throws NullPointerException if credentials is null
   */
  static CredentialsProvider of(Credentials credentials) {
    Mono<Credentials> fixed = Mono.just(Objects.requireNonNull(credentials, "credentials"));
    return () -> fixed;
  }
}
