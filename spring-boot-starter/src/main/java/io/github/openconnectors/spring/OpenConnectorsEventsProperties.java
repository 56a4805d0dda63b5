package io.github.openconnectors.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code openconnectors.events.*}: the endpoint that receives the service's event notifications, on
 * when a path and a signature key are set (and the application is a WebFlux one with an {@link
 * OpenConnectorsEventHandler} bean). {@link #toString()} never names a key.
 */
@ConfigurationProperties("openconnectors.events")
public class OpenConnectorsEventsProperties {

  /** The path the service POSTs events to, such as /openconnectors/events. */
  private @Nullable String path;

  /**
   * The instances' event.notification.signature.key, which every delivery is verified with before
   * it is read. Never shown by Actuator.
   */
  private @Nullable String signatureKey;

  /**
   * A second key also accepted, while instances move from one key to another. Never shown by
   * Actuator.
   */
  private @Nullable String previousSignatureKey;

  /** The largest body accepted; a larger one is answered 413 without being read. */
  private DataSize maxBodySize = DataSize.ofMegabytes(1);

  /**
   * How many deliveries the application may be handling at once; one more is answered 503 with a
   * Retry-After, so that the service delivers it again later.
   */
  private int maxInFlight = 64;

  /** How many accepted delivery ids are remembered, so that a redelivery is not handled twice. */
  private int rememberedIds = 10_000;

  /** The Retry-After of a 503 answered while the application is busy. */
  private Duration busyRetryAfter = Duration.ofSeconds(5);

  /** Made by Spring, then bound from {@code openconnectors.events.*}. */
  public OpenConnectorsEventsProperties() {}

  public @Nullable String getPath() {
    return path;
  }

  public void setPath(@Nullable String path) {
    this.path = path == null || path.isBlank() ? null : path;
  }

  public @Nullable String getSignatureKey() {
    return signatureKey;
  }

  public void setSignatureKey(@Nullable String signatureKey) {
    this.signatureKey = signatureKey == null || signatureKey.isEmpty() ? null : signatureKey;
  }

  public @Nullable String getPreviousSignatureKey() {
    return previousSignatureKey;
  }

  public void setPreviousSignatureKey(@Nullable String previousSignatureKey) {
    this.previousSignatureKey =
        previousSignatureKey == null || previousSignatureKey.isEmpty()
            ? null
            : previousSignatureKey;
  }

  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  public int getMaxInFlight() {
    return maxInFlight;
  }

  public void setMaxInFlight(int maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  public int getRememberedIds() {
    return rememberedIds;
  }

  public void setRememberedIds(int rememberedIds) {
    this.rememberedIds = rememberedIds;
  }

  public Duration getBusyRetryAfter() {
    return busyRetryAfter;
  }

  public void setBusyRetryAfter(Duration busyRetryAfter) {
    this.busyRetryAfter = busyRetryAfter;
  }

  /**
   * Names the settings that are present; never a key.
   *
   * @return for example {@code "OpenConnectorsEventsProperties[path=/events, signatureKey=set,
   *     previousSignatureKey=unset]"}
   */
  @Override
  public String toString() {
    return "OpenConnectorsEventsProperties[path="
        + path
        + ", signatureKey="
        + (signatureKey == null ? "unset" : "set")
        + ", previousSignatureKey="
        + (previousSignatureKey == null ? "unset" : "set")
        + "]";
  }
}
