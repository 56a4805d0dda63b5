package io.github.openconnectors.benchmarks;

import reactor.core.publisher.Flux;

/** One way of listing every instance of the emulator, page after page. */
interface Contender extends AutoCloseable {

  /** A short name for the tables, such as {@code (a) this client}. */
  String name();

  /**
   * Lists every instance. Lazy: each subscription lists afresh.
   *
   * @return one element per instance decoded (for the raw reader, one per page read, whose value is
   *     its size in bytes)
   */
  Flux<?> listing();

  /** Whether {@link #listing()} emits instances (and not pages of bytes). */
  default boolean decodes() {
    return true;
  }

  @Override
  void close();
}
