package io.github.openconnectors.emulator;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.InstanceToken;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A connector instance the emulator serves: a fixture added with {@link
 * OpenConnectorsEmulator.Builder#instance(EmulatedInstance)}, or one of the generated ones.
 *
 * <pre>{@code
 * EmulatedInstance crm =
 *     EmulatedInstance.builder(42, InstanceToken.of("my-token"))
 *         .name("CRM (prod)")
 *         .element("sfdc", "Salesforce", "crm")
 *         .tags("prod", "eu")
 *         .records(25)
 *         .build();
 * }</pre>
 */
public final class EmulatedInstance {

  private final long id;
  private final InstanceToken token;
  private final String name;
  private final ConnectorElement element;
  private final List<String> tags;
  private final boolean disabled;
  private final boolean valid;
  private final int records;
  private final Instant createdDate;
  private final Instant updatedDate;
  private final @Nullable EventNotifications eventNotifications;

  private EmulatedInstance(Builder builder) {
    this.id = builder.id;
    this.token = builder.token;
    this.name = builder.name;
    this.element = builder.element;
    this.tags = List.copyOf(builder.tags);
    this.disabled = builder.disabled;
    this.valid = builder.valid;
    this.records = builder.records;
    this.createdDate = builder.createdDate;
    this.updatedDate = builder.updatedDate;
    this.eventNotifications = builder.eventNotifications;
  }

  /**
   * Starts a fixture with the given id and token; everything else has a default.
   *
   * @param id the instance id, positive
   * @param token the instance token connector requests must carry
   * @return a builder
   * @throws IllegalArgumentException if id is not positive
   */
  public static Builder builder(long id, InstanceToken token) {
    return new Builder(id, token);
  }

  /**
   * A builder that starts from this instance.
   *
   * @return a builder with this instance's values
   */
  public Builder toBuilder() {
    return new Builder(id, token)
        .name(name)
        .element(element)
        .tags(tags.toArray(String[]::new))
        .disabled(disabled)
        .valid(valid)
        .records(records)
        .createdDate(createdDate)
        .updatedDate(updatedDate)
        .eventNotifications(eventNotifications);
  }

  /**
   * The instance id.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * The instance token connector requests must carry.
   *
   * @return the token
   */
  public InstanceToken token() {
    return token;
  }

  /**
   * The instance name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The connector (the service calls it an element) this is an instance of.
   *
   * @return the connector
   */
  public ConnectorElement element() {
    return element;
  }

  /**
   * The instance's tags.
   *
   * @return an unmodifiable list
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * Whether the instance is disabled: connector requests to it get 403.
   *
   * @return true if disabled
   */
  public boolean disabled() {
    return disabled;
  }

  /**
   * Whether the instance's provider credentials are valid.
   *
   * @return the {@code valid} flag
   */
  public boolean valid() {
    return valid;
  }

  /**
   * How many records each connector resource of this instance lists.
   *
   * @return the record count
   */
  public int records() {
    return records;
  }

  /**
   * When the instance was created.
   *
   * @return the creation time
   */
  public Instant createdDate() {
    return createdDate;
  }

  /**
   * When the instance was last updated.
   *
   * @return the update time
   */
  public Instant updatedDate() {
    return updatedDate;
  }

  /**
   * The instance's event notifications, when its configuration enables them ({@code
   * event.notification.enabled}, {@code event.notification.callback.url}, {@code
   * event.notification.signature.key}): its connector writes are then recorded as events.
   *
   * @return the notifications' settings, or empty when they are off
   */
  public Optional<EventNotifications> eventNotifications() {
    return Optional.ofNullable(eventNotifications);
  }

  /**
   * Names the instance and its connector, never its token.
   *
   * @return for example {@code "EmulatedInstance[id=42, name=CRM (prod), element=sfdc]"}
   */
  @Override
  public String toString() {
    return "EmulatedInstance[id=" + id + ", name=" + name + ", element=" + element.key() + "]";
  }

  /**
   * A connector (element) as instances name it.
   *
   * @param id the connector's numeric id
   * @param key the connector key, such as {@code sfdc}
   * @param name the display name, such as {@code Salesforce}
   * @param hub the hub, such as {@code crm}
   * @param authenticationType such as {@code oauth2} or {@code basic}
   */
  public record ConnectorElement(
      long id, String key, String name, String hub, String authenticationType) {

    /**
     * Checks the components.
     *
     * @param id the connector's numeric id
     * @param key the connector key
     * @param name the display name
     * @param hub the hub
     * @param authenticationType the authentication type
     * @throws NullPointerException if a text component is null
     */
    public ConnectorElement {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(hub, "hub");
      Objects.requireNonNull(authenticationType, "authenticationType");
    }
  }

  /**
   * Where an instance's events go and the key that signs them: its configuration's {@code
   * event.notification.callback.url} and {@code event.notification.signature.key}. The key prints
   * redacted.
   *
   * @param callbackUrl where the service POSTs each event
   * @param signatureKey the key that signs each event's body
   */
  public record EventNotifications(URI callbackUrl, EventSignatureKey signatureKey) {

    /**
     * Checks the components.
     *
     * @param callbackUrl where the service POSTs each event
     * @param signatureKey the key that signs each event's body
     * @throws NullPointerException if a component is null
     */
    public EventNotifications {
      Objects.requireNonNull(callbackUrl, "callbackUrl");
      Objects.requireNonNull(signatureKey, "signatureKey");
    }
  }

  /** Builds an {@link EmulatedInstance}. */
  public static final class Builder {
    private final long id;
    private InstanceToken token;
    private String name;
    private ConnectorElement element =
        new ConnectorElement(1, "sfdc", "Salesforce", "crm", "oauth2");
    private List<String> tags = List.of();
    private boolean disabled;
    private boolean valid = true;
    private int records = 50;
    private Instant createdDate = Instant.parse("2024-01-15T09:30:00Z");
    private Instant updatedDate = Instant.parse("2024-06-01T12:00:00Z");
    private @Nullable EventNotifications eventNotifications;

    private Builder(long id, InstanceToken token) {
      if (id < 1) {
        throw new IllegalArgumentException("id must be positive, was " + id);
      }
      this.id = id;
      this.token = Objects.requireNonNull(token, "token");
      this.name = "Instance " + id;
    }

    /**
     * The instance token.
     *
     * @param token the token connector requests must carry
     * @return this builder
     */
    public Builder token(InstanceToken token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * The instance name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The connector, by key, name and hub. Its id follows from the key: the id generated instances
     * of that connector have (Salesforce {@code sfdc} is 3), or a stable one of its own, so that
     * two connectors never share an id.
     *
     * @param key such as {@code sfdc}
     * @param name such as {@code Salesforce}
     * @param hub such as {@code crm}
     * @return this builder
     */
    public Builder element(String key, String name, String hub) {
      return element(
          new ConnectorElement(
              InstanceGenerator.connectorId(key), key, name, hub, element.authenticationType()));
    }

    /**
     * The connector.
     *
     * @param element the connector
     * @return this builder
     */
    public Builder element(ConnectorElement element) {
      this.element = Objects.requireNonNull(element, "element");
      return this;
    }

    /**
     * The tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(String... tags) {
      this.tags = List.of(tags);
      return this;
    }

    /**
     * Whether the instance is disabled.
     *
     * @param disabled true to make connector requests get 403
     * @return this builder
     */
    public Builder disabled(boolean disabled) {
      this.disabled = disabled;
      return this;
    }

    /**
     * The {@code valid} flag.
     *
     * @param valid whether the provider credentials are valid
     * @return this builder
     */
    public Builder valid(boolean valid) {
      this.valid = valid;
      return this;
    }

    /**
     * How many records each connector resource lists.
     *
     * @param records the count, not negative
     * @return this builder
     */
    public Builder records(int records) {
      if (records < 0) {
        throw new IllegalArgumentException("records must not be negative, was " + records);
      }
      this.records = records;
      return this;
    }

    /**
     * The creation time.
     *
     * @param createdDate the time
     * @return this builder
     */
    public Builder createdDate(Instant createdDate) {
      this.createdDate = Objects.requireNonNull(createdDate, "createdDate");
      return this;
    }

    /**
     * The update time.
     *
     * @param updatedDate the time
     * @return this builder
     */
    public Builder updatedDate(Instant updatedDate) {
      this.updatedDate = Objects.requireNonNull(updatedDate, "updatedDate");
      return this;
    }

    /**
     * Turns the instance's event notifications on: each of its connector writes is recorded as an
     * event, which the events API lists.
     *
     * @param eventNotifications where events go and the key that signs them; null turns them off
     * @return this builder
     */
    public Builder eventNotifications(@Nullable EventNotifications eventNotifications) {
      this.eventNotifications = eventNotifications;
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return the instance
     */
    public EmulatedInstance build() {
      return new EmulatedInstance(this);
    }
  }
}
