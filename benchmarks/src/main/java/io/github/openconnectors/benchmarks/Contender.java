package io.github.openconnectors.benchmarks;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

  /**
   * Looks up one instance by its id. Lazy: each subscription sends a request.
   *
   * @return the instance decoded (for the raw reader, the size of its body in bytes)
   */
  Mono<?> lookup(long id);

  /** Whether {@link #listing()} emits instances (and not pages of bytes). */
  default boolean decodes() {
    return true;
  }

  @Override
  void close();
}
