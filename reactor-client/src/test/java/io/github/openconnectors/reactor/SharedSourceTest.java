package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.reactor.fleet.SharedCache;
import io.github.openconnectors.reactor.fleet.SharedValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/** What a replica asks of the fleet's cache when many of its requests are refused at once. */
class SharedSourceTest {

  /** A shared cache whose invalidations settle only when the test says so. */
  static class HeldInvalidations implements SharedCache {
    final List<String> invalidated = new CopyOnWriteArrayList<>();
    volatile Sinks.Empty<Void> settle = Sinks.empty();

    @Override
    public Mono<String> get(String key, Mono<SharedValue> load) {
      return load.map(SharedValue::value);
    }

    @Override
    public Mono<Void> invalidate(String key, String refused) {
      invalidated.add(refused);
      return settle.asMono();
    }
  }

  static SharedSource<String> source(SharedCache cache, String value) {
    return new SharedSource<>(
        cache,
        "k",
        Mono.just(value),
        Function.identity(),
        Function.identity(),
        v -> Optional.empty());
  }

  @Test
  void requestsRefusedWithTheSameValueAtOnceSendOneInvalidation() {
    HeldInvalidations cache = new HeldInvalidations();
    SharedSource<String> source = source(cache, "fresh");

    // 500 refusals of one value, from several threads, while the first invalidation is on its way.
    Flux.range(0, 500)
        .parallel(4)
        .runOn(Schedulers.parallel())
        .doOnNext(i -> source.invalidate("refused"))
        .sequential()
        .blockLast(Duration.ofSeconds(10));
    assertThat(cache.invalidated).containsOnly("refused").hasSizeLessThanOrEqualTo(4);

    // Another value refused is another invalidation.
    source.invalidate("other");
    assertThat(cache.invalidated).contains("other");
  }

  @Test
  void refusalsArrivingAfterTheInvalidationSettledSendNoOther() {
    HeldInvalidations cache = new HeldInvalidations();
    SharedSource<String> source = source(cache, "fresh");
    source.invalidate("refused");
    cache.settle.tryEmitEmpty();
    cache.settle = Sinks.empty();

    // Requests sent with the refused value before it was dropped, refused late (a busy service):
    // the fleet's value was dropped already, and this replica has read "fresh" since.
    source.invalidate("refused");
    assertThat(source.get().block(Duration.ofSeconds(5))).isEqualTo("fresh");
    source.invalidate("refused");
    assertThat(cache.invalidated).containsExactly("refused");
  }

  @Test
  void aValueReadAgainAndRefusedAgainIsSentAgain() {
    HeldInvalidations cache = new HeldInvalidations();
    // The source gives the refused value again (a replica loaded and stored it anew).
    SharedSource<String> source = source(cache, "refused");
    source.invalidate("refused");
    cache.settle.tryEmitEmpty();
    cache.settle = Sinks.empty();

    assertThat(source.get().block(Duration.ofSeconds(5))).isEqualTo("refused");
    source.invalidate("refused");
    assertThat(cache.invalidated).containsExactly("refused", "refused");
  }

  @Test
  void aValueReadAgainFromTheFleetAndRefusedAgainIsSentAgain() {
    // Read back from the shared cache, not from the source: a replica stored it anew.
    HeldInvalidations cache =
        new HeldInvalidations() {
          @Override
          public Mono<String> get(String key, Mono<SharedValue> load) {
            return Mono.just("refused");
          }
        };
    SharedSource<String> source = source(cache, "fresh");
    source.invalidate("refused");
    cache.settle.tryEmitEmpty();

    assertThat(source.get().block(Duration.ofSeconds(5))).isEqualTo("refused");
    source.invalidate("refused");
    assertThat(cache.invalidated).containsExactly("refused", "refused");
  }

  @Test
  void aRefreshWaitsForThePendingInvalidation() {
    HeldInvalidations cache = new HeldInvalidations();
    SharedSource<String> source = source(cache, "fresh");
    source.invalidate("refused");

    Mono<String> refresh = source.get().cache();
    refresh.subscribe();
    assertThat(refresh.toFuture()).isNotDone();
    cache.settle.tryEmitEmpty();
    assertThat(refresh.block(Duration.ofSeconds(5))).isEqualTo("fresh");
  }
}
