package io.github.openconnectors.reactor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The source of a local cache, read through a {@link SharedCache}: a refresh takes the value the
 * fleet shares, and only the one replica that finds none reads the real source. A refusal drops the
 * shared value if it is still the one refused, before the next refresh reads it again.
 */
final class SharedSource<T> {

  private final SharedCache shared;
  private final String key;
  private final Mono<T> source;
  private final Function<T, String> write;
  private final Function<String, T> read;
  private final Function<T, Optional<Instant>> expiry;
  // The last invalidation sent: a refresh waits for it, so that it does not read back the value
  // just refused.
  private volatile Mono<Void> invalidated = Mono.empty();

  SharedSource(
      SharedCache shared,
      String key,
      Mono<T> source,
      Function<T, String> write,
      Function<String, T> read,
      Function<T, Optional<Instant>> expiry) {
    this.shared = Objects.requireNonNull(shared, "shared");
    this.key = Objects.requireNonNull(key, "key");
    this.source = source;
    this.write = write;
    this.read = read;
    this.expiry = expiry;
  }

  /** The value the fleet shares, loaded from the real source by one replica when there is none. */
  Mono<T> get() {
    Mono<SharedValue> load =
        source.map(
            fresh ->
                expiry
                    .apply(fresh)
                    .map(at -> SharedValue.expiring(write.apply(fresh), at))
                    .orElseGet(() -> SharedValue.untilRefused(write.apply(fresh))));
    // A shared value this replica cannot read (written by another version of the library) is not
    // the caller's failure: it reads the source itself.
    return Mono.defer(
        () ->
            invalidated
                .onErrorResume(ignored -> Mono.empty())
                .then(shared.get(key, load))
                .<T>handle(
                    (text, sink) -> {
                      try {
                        sink.next(read.apply(text));
                      } catch (IllegalArgumentException unreadable) {
                        sink.complete();
                      }
                    })
                .switchIfEmpty(source));
  }

  /** Drops the shared value if it is still {@code stale}; the next {@link #get} waits for it. */
  void invalidate(T stale) {
    Mono<Void> sent = shared.invalidate(key, write.apply(stale)).cache();
    invalidated = sent;
    sent.subscribe(ignored -> {}, ignored -> {});
  }

  @Override
  public String toString() {
    return "SharedSource[" + key + "]";
  }
}
