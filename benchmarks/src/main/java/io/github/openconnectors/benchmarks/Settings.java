package io.github.openconnectors.benchmarks;

/** How much to measure: the full run, or a quick smoke run of the same code. */
final class Settings {

  private final boolean quick;

  Settings(boolean quick) {
    this.quick = quick;
  }

  boolean quick() {
    return quick;
  }

  int warmups() {
    return quick ? 1 : 2;
  }

  /** The listing's fewest warm-up rounds; more follow until the JIT has settled. */
  int listingWarmups() {
    return quick ? 1 : 3;
  }

  /** The listing's most warm-up rounds, waiting for the JIT to settle. */
  int listingMaxWarmups() {
    return quick ? 2 : 12;
  }

  /** The listing's measured rounds, paired: each gives one ratio between two contenders. */
  int listingRounds() {
    return quick ? 3 : 7;
  }

  /** Fork rounds of the one-JVM-per-contender listing: each forks (a), (c) and (f) once. */
  int forkRounds() {
    return quick ? 1 : 3;
  }

  /** A fork's most warm-up rounds: with one contender in the JVM, its JIT settles. */
  int forkMaxWarmups() {
    return quick ? 2 : 40;
  }

  int rounds() {
    return quick ? 3 : 5;
  }

  long listingInstances() {
    return quick ? 20_000 : 100_000;
  }

  long memoryInstances() {
    return quick ? 100_000 : 1_000_000;
  }

  int concurrentRefreshCalls() {
    return 1_000;
  }

  int lookups() {
    return quick ? 2_000 : 10_000;
  }
}
