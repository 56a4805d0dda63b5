package io.github.openconnectors.reactor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One event of a connector instance, as the events API lists it ({@code GET /instances/events},
 * {@code GET /instances/{id}/events}, {@code GET /instances/events/{eventId}}): a change in the
 * connected system the service received, and how far it got ({@link #status()}, such as {@code
 * RECEIVED} or {@code NOTIFIED} once the callback took it).
 *
 * <p>Immutable. {@link #toString()} names the event, never its {@link #providerData()}, which is
 * the connected system's own record and may hold anything.
 */
public final class Event {

  private final String id;
  private final @Nullable Long instanceId;
  private final @Nullable Instant eventDate;
  private final String status;
  private final @Nullable String providerData;

  Event(
      String id,
      @Nullable Long instanceId,
      @Nullable Instant eventDate,
      String status,
      @Nullable String providerData) {
    this.id = Objects.requireNonNull(id, "id");
    this.instanceId = instanceId;
    this.eventDate = eventDate;
    this.status = Objects.requireNonNull(status, "status");
    this.providerData = providerData;
  }

  /**
   * The event's id, as {@link OpenConnectorsClient#event(String)} takes it.
   *
   * @return the id the service gave
   */
  public String id() {
    return id;
  }

  /**
   * The instance the event is of ({@code eventElementInstances[0].elementInstanceId}), when the
   * service says.
   *
   * @return the instance id, or empty
   */
  public OptionalLong instanceId() {
    return instanceId == null ? OptionalLong.empty() : OptionalLong.of(instanceId);
  }

  /**
   * When the service received the event.
   *
   * @return the time, or empty when the service sent none
   */
  public Optional<Instant> eventDate() {
    return Optional.ofNullable(eventDate);
  }

  /**
   * How far the event got: {@code NEW}, {@code RECEIVED}, {@code DISPATCHED}, {@code CONSUMED} or
   * {@code NOTIFIED}, as the service names it.
   *
   * @return the status, as sent
   */
  public String status() {
    return status;
  }

  /**
   * The connected system's payload for the event, JSON as the service keeps it.
   *
   * @return the payload's text, or empty when the service sent none
   */
  public Optional<String> providerData() {
    return Optional.ofNullable(providerData);
  }

  /**
   * Names the event; never its payload.
   *
   * @return for example {@code "Event[id=17, instanceId=42, status=NOTIFIED,
   *     eventDate=2026-12-03T10:15:30Z]"}
   */
  @Override
  public String toString() {
    return "Event[id="
        + id
        + ", instanceId="
        + instanceId
        + ", status="
        + status
        + ", eventDate="
        + eventDate
        + "]";
  }
}
