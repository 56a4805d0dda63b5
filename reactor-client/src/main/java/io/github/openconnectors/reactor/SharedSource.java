package io.github.openconnectors.reactor;

import io.github.openconnectors.reactor.fleet.SharedCache;
import io.github.openconnectors.reactor.fleet.SharedValue;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private volatile Invalidation invalidated = Invalidation.NONE;

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
                    .sent()
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
                    .switchIfEmpty(source))
        .doOnNext(value -> invalidated.readAgain(write.apply(value)));
  }

  /**
   * Drops the shared value if it is still {@code stale}; the next {@link #get} waits for it. The
   * many requests refused with the same value send one invalidation between them, however long
   * their refusals take to arrive: they were all sent before it, so another would only repeat it.
   * Only once this replica has read the refused value again (stored again meanwhile) does a new
   * refusal of it send again.
   */
  void invalidate(T stale) {
    String refused = write.apply(stale);
    Invalidation last = invalidated;
    if (last.refused().equals(refused) && !last.readAgain().get()) {
      return;
    }
    Mono<Void> sent = shared.invalidate(key, refused).cache();
    invalidated = new Invalidation(refused, sent, new AtomicBoolean());
    sent.subscribe(ignored -> {}, ignored -> {});
  }

  /**
   * An invalidation sent: the value refused, its progress, and whether this replica has read the
   * refused value again since.
   */
  private record Invalidation(String refused, Mono<Void> sent, AtomicBoolean readAgain) {
    static final Invalidation NONE = new Invalidation("", Mono.empty(), new AtomicBoolean());

    /** Notes a value read: if it is the one refused, a refusal of it may be a new one. */
    void readAgain(String value) {
      if (refused.equals(value)) {
        readAgain.set(true);
      }
    }

    @Override
    public String toString() {
      // Never the value refused: it is a secret.
      return "Invalidation[readAgain=" + readAgain + "]";
    }
  }

  @Override
  public String toString() {
    return "SharedSource[" + key + "]";
  }
}
