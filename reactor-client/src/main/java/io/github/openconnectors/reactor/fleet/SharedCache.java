package io.github.openconnectors.reactor.fleet;

import reactor.core.publisher.Mono;

/**
 * Values that the replicas of one application share instead of each fetching its own: bearer tokens
 * from a log-in, instance tokens, credentials read from a vault. One replica fetches a value while
 * the others wait for it, and a value refused by the service is dropped for all of them, but only
 * while it is still the one refused.
 *
 * <p>The client calls a shared cache from behind its own caches: {@link
 * io.github.openconnectors.reactor.CachingCredentialsProvider.Builder#shared(SharedCache, String)}
 * and {@link
 * io.github.openconnectors.reactor.OpenConnectorsClient.Builder#sharedCache(SharedCache)} plug one
 * in. The values are secrets: an implementation must store them so that whoever reads the store
 * cannot read them, and must never print them. The {@code openconnectors-redis} module implements
 * this on Redis.
 *
 * <p>An implementation never fails because its store did: without the store, {@link #get} loads the
 * value itself, as a client without a shared cache would.
 */
public interface SharedCache {

  /**
   * The value stored under {@code key}; when there is none, the value {@code load} gives, stored
   * for the other replicas until it expires. However many replicas find the value missing at once,
   * one of them loads it and the others wait for its value, for a bounded time.
   *
   * @param key names the value, the same in every replica; never a secret
   * @param load fetches the value; subscribed to at most once per call, and not at all when a value
   *     is stored
   * @return the value, stored or loaded
   */
  Mono<String> get(String key, Mono<SharedValue> load);

  /**
   * Drops the value under {@code key} if it is still {@code refused}: a value that replaced it in
   * the meantime stays, so that a late refusal on one replica never throws away a newer value.
   *
   * @param key names the value
   * @param refused the value the service refused
   * @return completes once the value is dropped or found to be another; never fails
   */
  Mono<Void> invalidate(String key, String refused);
}
