package io.github.openconnectors.spring;

import java.util.Objects;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * One delivery of the service's event notifications, its signature verified: its {@code
 * Elements-Webhook-Id}, its body as it arrived, and the body read as JSON. {@link #toString()}
 * never shows the body, which is the connected system's data.
 */
public final class WebhookEvent {

  private final String webhookId;
  private final byte[] body;
  private final JsonNode json;

  WebhookEvent(String webhookId, byte[] body, JsonNode json) {
    this.webhookId = Objects.requireNonNull(webhookId, "webhookId");
    this.body = body;
    this.json = json;
  }

  /**
   * The delivery's id, the same on each redelivery of it.
   *
   * @return the {@code Elements-Webhook-Id}
   */
  public String webhookId() {
    return webhookId;
  }

  /**
   * The body exactly as it arrived and was verified.
   *
   * @return a copy of its bytes
   */
  public byte[] body() {
    return body.clone();
  }

  /**
   * The body read as JSON: {@code {"message": {"eventId", "instanceId", "events": [...], "raw",
   * ...}}}.
   *
   * @return the tree
   */
  public JsonNode json() {
    return json;
  }

  /**
   * The instance the event is of, when the body names it ({@code message.instanceId}).
   *
   * @return the instance id, or empty
   */
  public OptionalLong instanceId() {
    JsonNode id = json.path("message").path("instanceId");
    return id.isIntegralNumber() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
  }

  /**
   * Names the delivery; never its body.
   *
   * @return for example {@code "WebhookEvent[id=2f1c..., instanceId=42, 812 bytes]"}
   */
  @Override
  public String toString() {
    OptionalLong instance = instanceId();
    return "WebhookEvent[id="
        + webhookId
        + ", instanceId="
        + (instance.isPresent() ? Long.toString(instance.getAsLong()) : "unknown")
        + ", "
        + body.length
        + " bytes]";
  }
}
