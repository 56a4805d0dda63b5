package io.github.openconnectors.reactor.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** The budget kept in one client, in virtual time: who goes when. */
class LocalRateBudgetTest {

  static final RequestRate TEN_A_SECOND = RequestRate.of(10, Duration.ofSeconds(1));

  @Test
  void aRateSpacesRequestsEvenlyFromTheFirst() {
    List<Long> turns = new ArrayList<>();
    StepVerifier.withVirtualTime(
            () -> {
              RateBudget budget = RateBudget.local();
              return Flux.range(0, 5)
                  .flatMap(
                      i ->
                          budget
                              .acquire("org", TEN_A_SECOND)
                              .then(Mono.fromRunnable(() -> turns.add(virtualMillis()))));
            })
        .thenAwait(Duration.ofSeconds(1))
        .verifyComplete();
    assertThat(turns).containsExactly(0L, 100L, 200L, 300L, 400L);
  }

  @Test
  void tellsThePauseLeftOfAScopeAndNothingOfOneNeverPaused() {
    StepVerifier.withVirtualTime(
            () -> {
              RateBudget budget = RateBudget.local();
              return budget
                  .acquire("used", null)
                  .then(budget.pause("org", Duration.ofSeconds(30)))
                  .then(Mono.delay(Duration.ofSeconds(10)))
                  .thenMany(
                      Flux.concat(
                          budget.pauseLeft("org"),
                          budget.pauseLeft("used"),
                          budget.pauseLeft("unknown"),
                          Mono.delay(Duration.ofSeconds(20)).then(budget.pauseLeft("org"))));
            })
        .thenAwait(Duration.ofSeconds(10))
        .expectNext(Duration.ofSeconds(20))
        .thenAwait(Duration.ofSeconds(20))
        .verifyComplete();
  }

  @Test
  void scopesHaveTheirOwnRates() {
    List<Long> turns = new ArrayList<>();
    StepVerifier.withVirtualTime(
            () -> {
              RateBudget budget = RateBudget.local();
              return Flux.just("a", "b", "a", "b")
                  .concatMap(
                      scope ->
                          budget
                              .acquire(scope, TEN_A_SECOND)
                              .then(Mono.fromRunnable(() -> turns.add(virtualMillis()))));
            })
        .thenAwait(Duration.ofSeconds(1))
        .verifyComplete();
    assertThat(turns).containsExactly(0L, 0L, 100L, 100L);
  }

  @Test
  void withoutARateOnlyAPauseHoldsRequestsBackAndThenSpreadsThem() {
    List<Long> turns = new ArrayList<>();
    StepVerifier.withVirtualTime(
            () -> {
              RateBudget budget = RateBudget.local();
              return budget
                  .acquire("org", null)
                  .then(Mono.fromRunnable(() -> turns.add(virtualMillis())))
                  .then(budget.pause("org", Duration.ofSeconds(2)))
                  .thenMany(
                      Flux.range(0, 50)
                          .flatMap(
                              i ->
                                  budget
                                      .acquire("org", null)
                                      .then(Mono.fromRunnable(() -> turns.add(virtualMillis())))));
            })
        .thenAwait(Duration.ofSeconds(3))
        .verifyComplete();
    assertThat(turns.get(0)).isZero();
    List<Long> resumed = turns.subList(1, turns.size());
    assertThat(resumed).hasSize(50).allSatisfy(at -> assertThat(at).isBetween(2000L, 2200L));
    // Spread over the tenth of the pause, not all at the same instant.
    assertThat(resumed.stream().distinct().count()).isGreaterThan(10);
  }

  @Test
  void aPauseThatBeginsWhileARequestWaitsHoldsItBack() {
    List<Long> turns = new ArrayList<>();
    StepVerifier.withVirtualTime(
            () -> {
              RateBudget budget = RateBudget.local();
              Mono<Void> third =
                  budget
                      .acquire("org", TEN_A_SECOND)
                      .then(budget.acquire("org", TEN_A_SECOND))
                      .then(Mono.fromRunnable(() -> turns.add(virtualMillis())));
              // The second turn is at 100 ms; a 1 s pause begins at 50 ms.
              Mono<Void> pause =
                  Mono.delay(Duration.ofMillis(50), Schedulers.parallel())
                      .then(budget.pause("org", Duration.ofSeconds(1)));
              return Flux.merge(third, pause);
            })
        .thenAwait(Duration.ofSeconds(2))
        .verifyComplete();
    assertThat(turns).singleElement().satisfies(at -> assertThat(at).isBetween(1050L, 1200L));
  }

  @Test
  void aShorterPauseNeverShortensALongerOne() {
    List<Long> turns = new ArrayList<>();
    StepVerifier.withVirtualTime(
            () -> {
              RateBudget budget = RateBudget.local();
              return budget
                  .pause("org", Duration.ofSeconds(3))
                  .then(budget.pause("org", Duration.ofSeconds(1)))
                  .then(budget.acquire("org", null))
                  .then(Mono.fromRunnable(() -> turns.add(virtualMillis())));
            })
        .thenAwait(Duration.ofSeconds(4))
        .verifyComplete();
    assertThat(turns).singleElement().satisfies(at -> assertThat(at).isBetween(3000L, 3300L));
  }

  @Test
  void aRateIsCheckedAndSaysItself() {
    assertThatThrownBy(() -> RequestRate.of(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requests");
    assertThatThrownBy(() -> RequestRate.of(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("per");
    assertThat(TEN_A_SECOND.interval()).isEqualTo(Duration.ofMillis(100));
    assertThat(TEN_A_SECOND).hasToString("10 per PT1S");
    assertThat(TEN_A_SECOND).isEqualTo(RequestRate.of(10, Duration.ofSeconds(1)));
  }

  private static long virtualMillis() {
    return Schedulers.parallel().now(java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
