package io.github.openconnectors.emulator;

/**
 * What can go wrong with an event's delivery, for an application's tests of its receiving endpoint:
 * injected with {@link OpenConnectorsEmulator#injectDeliveryFault(DeliveryFault)}, each applies to
 * the next delivery.
 */
public enum DeliveryFault {
  /** The delivery is signed with another key: a genuine receiver refuses it. */
  WRONG_SIGNATURE,
  /** The body is changed after it was signed: a genuine receiver refuses it. */
  TAMPERED_BODY,
  /**
   * The delivery is sent twice, with the same {@code Elements-Webhook-Id}, as the service does when
   * it did not see the first answer: a receiver takes it once.
   */
  REDELIVERED
}
