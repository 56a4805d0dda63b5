package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class SubscribeOnDemandTest {

  @Test
  void subscribesToTheSourceOnlyOnTheFirstRequestAndNeverAfterACancel() {
    AtomicInteger subscribed = new AtomicInteger();
    Flux<Integer> gated =
        new SubscribeOnDemand<>(
            () -> Flux.range(1, 3).doOnSubscribe(s -> subscribed.incrementAndGet()));

    StepVerifier.create(gated, 0)
        .then(() -> assertThat(subscribed).hasValue(0))
        .thenRequest(1)
        .expectNext(1)
        .thenRequest(5)
        .expectNext(2, 3)
        .verifyComplete();
    assertThat(subscribed).hasValue(1);

    StepVerifier.create(gated, 0).thenCancel().verify();
    assertThat(subscribed).hasValue(1);
  }

  @Test
  void theFirstRequestChoosesTheSource() {
    Flux<String> gated =
        new SubscribeOnDemand<>(first -> Flux.just(first == Long.MAX_VALUE ? "all" : "some"));

    StepVerifier.create(gated).expectNext("all").verifyComplete();
    StepVerifier.create(gated, 2).expectNext("some").verifyComplete();
  }

  @Test
  void aSourceThatCannotBeMadeIsSignalledAsAnErrorNotThrownFromRequest() {
    IllegalStateException refused = new IllegalStateException("no source");

    StepVerifier.create(
            new SubscribeOnDemand<Integer>(
                () -> {
                  throw refused;
                }))
        .verifyErrorSatisfies(failure -> assertThat(failure).isSameAs(refused));
    StepVerifier.create(new SubscribeOnDemand<Integer>(first -> null))
        .verifyErrorSatisfies(
            failure ->
                assertThat(failure)
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("the source function returned null"));
  }

  @Test
  void theOperatorAndItsSubscriptionAreScannableAsReactorsOperatorsAre() {
    SubscribeOnDemand<Integer> gated = new SubscribeOnDemand<>(() -> Flux.range(1, 10));
    assertThat(gated.scan(Scannable.Attr.RUN_STYLE)).isEqualTo(Scannable.Attr.RunStyle.SYNC);

    AtomicReference<Subscription> gate = new AtomicReference<>();
    BaseSubscriber<Integer> subscriber =
        new BaseSubscriber<>() {
          @Override
          protected void hookOnSubscribe(Subscription subscription) {
            gate.set(subscription);
          }
        };
    gated.subscribe((CoreSubscriber<Integer>) subscriber);
    Scannable scanned = Scannable.from(gate.get());

    assertThat(scanned.isScanAvailable()).isTrue();
    assertThat(scanned.scanUnsafe(Scannable.Attr.ACTUAL)).isSameAs(subscriber);
    assertThat(scanned.scan(Scannable.Attr.PARENT)).isNull();
    assertThat(scanned.scan(Scannable.Attr.TERMINATED)).isFalse();

    subscriber.request(3);
    assertThat(scanned.scan(Scannable.Attr.PARENT)).isNotNull();
    assertThat(scanned.scan(Scannable.Attr.CANCELLED)).isFalse();
    subscriber.request(20);
    assertThat(scanned.scan(Scannable.Attr.TERMINATED)).isTrue();

    SubscribeOnDemand<Integer> never = new SubscribeOnDemand<>(Flux::never);
    AtomicReference<Subscription> other = new AtomicReference<>();
    never.subscribe(
        new BaseSubscriber<>() {
          @Override
          protected void hookOnSubscribe(Subscription subscription) {
            other.set(subscription);
          }
        });
    other.get().cancel();
    assertThat(Scannable.from(other.get()).scan(Scannable.Attr.CANCELLED)).isTrue();
  }
}
