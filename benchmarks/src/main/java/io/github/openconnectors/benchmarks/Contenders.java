package io.github.openconnectors.benchmarks;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** The contenders against one server, closed together. */
final class Contenders implements AutoCloseable {

  private final List<Contender> list;

  private Contenders(List<Contender> list) {
    this.list = list;
  }

  /**
   * The three that decode instances, the two raw readers, (d) reading ahead and (e) not, and (f),
   * the raw reader that runs Jackson's tokenizer over each page.
   */
  static Contenders all(Target target) {
    return new Contenders(
        List.of(
            new OursContender(target),
            new WebClientContender(target),
            new JdkHttpClientContender(target),
            RawNettyContender.readingAhead(target),
            RawNettyContender.pageAfterPage(target),
            new TokenizingContender(target)));
  }

  /** The three that decode instances, without the raw reader. */
  static Contenders decoding(OpenConnectorsEmulator emulator) {
    Target target = new Target(emulator.baseUrl(), emulator.platformCredentials());
    return new Contenders(
        List.of(
            new OursContender(target),
            new WebClientContender(target),
            new JdkHttpClientContender(target)));
  }

  List<Contender> list() {
    return list;
  }

  /** The first raw reader: (d), the limit column of {@link #all}. */
  Contender limit() {
    return list.stream().filter(contender -> !contender.decodes()).findFirst().orElseThrow();
  }

  /** The contenders starting at a different one each round. */
  static <T> List<T> rotated(List<T> contenders, int round) {
    List<T> order = new ArrayList<>(contenders);
    Collections.rotate(order, -(round % order.size()));
    return order;
  }

  /**
   * Lists every instance through a contender, from the calling thread, and checks that it got them
   * all: a contender that lost instances would look faster than it is.
   *
   * @return what the listing emitted: instances, or pages for the raw reader
   */
  static long listAll(Contender contender, long instances) {
    long emitted = Objects.requireNonNull(contender.listing().count().block());
    long expected =
        contender.decodes() ? instances : (instances + Target.PAGE_SIZE - 1) / Target.PAGE_SIZE;
    if (emitted != expected) {
      throw new IllegalStateException(
          contender.name() + " emitted " + emitted + ", expected " + expected);
    }
    return emitted;
  }

  @Override
  public void close() {
    list.forEach(Contender::close);
  }
}
