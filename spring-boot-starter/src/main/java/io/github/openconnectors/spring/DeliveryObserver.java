package io.github.openconnectors.spring;

import java.util.function.Consumer;

/**
 * Observes the deliveries the receiving endpoint answers: {@link #start()} when one arrives, and
 * the callback it returns when it is answered, with its outcome ({@code accepted}, {@code
 * duplicate}, {@code refused}, {@code too-large}, {@code busy}, {@code malformed}, {@code failed}
 * or {@code cancelled}).
 */
@FunctionalInterface
interface DeliveryObserver {

  /** Observes nothing. */
  DeliveryObserver NONE = () -> outcome -> {};

  /**
   * One delivery has arrived.
   *
   * @return ends its observation with its outcome
   */
  Consumer<String> start();
}
