package io.github.openconnectors.reactor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.github.openconnectors.core.InstanceToken;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A connector instance, as {@code GET /instances} and {@code GET /instances/{id}} describe it.
 *
 * <p>Immutable. Fields the service does not send are null (or empty collections); fields this model
 * does not know are ignored, since the service adds fields over time. The instance {@link #token()}
 * is a secret and prints redacted.
 *
 * <p>Jackson (3, and 2, which read the same annotations) writes an instance as a view without
 * secrets, so that a WebFlux controller can return {@code Flux<Instance>} as JSON, NDJSON or
 * server-sent events: every field above except the token, which is written as its {@code
 * tokenFingerprint}, and the configuration and provider data, which hold OAuth secrets and are
 * written as their sorted keys only ({@code configurationKeys}, {@code providerDataKeys}). Dates
 * are written as the mapper writes {@link Instant}s (ISO-8601 by default). The view is for writing:
 * an instance is read from the service's JSON by the client, never by data binding. Reading the
 * view back into an {@code Instance} (a {@code WebTestClient}'s {@code
 * returnResult(Instance.class)}, say) fails saying so, since the view lacks what an instance holds:
 * read it as a {@code JsonNode} or a record of your own.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE,
    setterVisibility = Visibility.NONE,
    creatorVisibility = Visibility.NONE)
@JsonPropertyOrder({
  "id",
  "name",
  "element",
  "tokenFingerprint",
  "valid",
  "disabled",
  "tags",
  "configurationKeys",
  "createdDate",
  "updatedDate",
  "user",
  "description",
  "cachingEnabled",
  "traceLoggingEnabled",
  "eventsEnabled",
  "cacheTimeToLive",
  "maxCacheSize",
  "channelName",
  "providerDataKeys"
})
public final class Instance {

  private final long id;

  @JsonProperty("name")
  private final @Nullable String name;

  private final @Nullable InstanceToken token;

  @JsonProperty("element")
  private final @Nullable Element element;

  private final boolean valid;
  private final boolean disabled;
  private final List<String> tags;
  private final Map<String, String> configuration;
  // A date sent as ISO-8601 text is kept as text and parsed when first asked for: parsing took a
  // sixth of a listing's CPU, and most listings never read the dates. The parsed value is cached
  // racily, as String caches its hash: every thread computes the same immutable Instant.
  private final @Nullable String createdDateText;
  private final @Nullable String updatedDateText;
  private @Nullable Instant createdDate;
  private @Nullable Instant updatedDate;

  @JsonProperty("user")
  private final @Nullable Owner user;

  @JsonProperty("description")
  private final @Nullable String description;

  private final boolean cachingEnabled;
  private final boolean traceLoggingEnabled;
  private final boolean eventsEnabled;
  private final long cacheTimeToLive;
  private final long maxCacheSize;

  @JsonProperty("channelName")
  private final @Nullable String channelName;

  private final Map<String, String> providerData;

  /**
   * The dates are each an {@link Instant}, ISO-8601 text to parse when asked for, or null; the
   * collections are unmodifiable.
   */
  Instance(
      long id,
      @Nullable String name,
      @Nullable InstanceToken token,
      @Nullable Element element,
      boolean valid,
      boolean disabled,
      List<String> tags,
      Map<String, String> configuration,
      @Nullable Object createdDate,
      @Nullable Object updatedDate,
      @Nullable Owner user,
      @Nullable String description,
      boolean cachingEnabled,
      boolean traceLoggingEnabled,
      boolean eventsEnabled,
      long cacheTimeToLive,
      long maxCacheSize,
      @Nullable String channelName,
      Map<String, String> providerData) {
    this.id = id;
    this.name = name;
    this.token = token;
    this.element = element;
    this.valid = valid;
    this.disabled = disabled;
    // Unmodifiable already: the reader made them so, with their order.
    this.tags = tags;
    this.configuration = configuration;
    this.createdDateText = createdDate instanceof String text ? text : null;
    this.updatedDateText = updatedDate instanceof String text ? text : null;
    this.createdDate = createdDate instanceof Instant instant ? instant : null;
    this.updatedDate = updatedDate instanceof Instant instant ? instant : null;
    this.user = user;
    this.description = description;
    this.cachingEnabled = cachingEnabled;
    this.traceLoggingEnabled = traceLoggingEnabled;
    this.eventsEnabled = eventsEnabled;
    this.cacheTimeToLive = cacheTimeToLive;
    this.maxCacheSize = maxCacheSize;
    this.channelName = channelName;
    this.providerData = providerData;
  }

  /**
   * Refuses to make an instance of its JSON view, saying why, instead of Jackson's "no creators":
   * the view holds the token's fingerprint and the configuration's keys, not what they stand for.
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  @SuppressWarnings("UnusedVariable") // the parameter tells Jackson what to read before the refusal
  private static Instance readingTheViewBack(Map<String, Object> view) {
    throw new UnsupportedOperationException(
        "an Instance is written as a view without its secrets (the token as tokenFingerprint, the"
            + " configuration as configurationKeys) and cannot be read back: read it as a JsonNode"
            + " or a record of your own");
  }

  /**
   * The instance id.
   *
   * @return the id
   */
  @JsonProperty("id")
  public long id() {
    return id;
  }

  /**
   * The instance name.
   *
   * @return the name, when sent
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * The instance token, which connector requests carry as {@code Element}.
   *
   * @return the token, if the service sent one
   */
  public Optional<InstanceToken> token() {
    return Optional.ofNullable(token);
  }

  /**
   * The connector (the service calls it an element) this is an instance of.
   *
   * @return the connector, when sent
   */
  public Optional<Element> element() {
    return Optional.ofNullable(element);
  }

  /**
   * Whether the provider credentials of the instance are valid.
   *
   * @return the {@code valid} flag, false when not sent
   */
  @JsonProperty("valid")
  public boolean valid() {
    return valid;
  }

  /**
   * Whether the instance is disabled.
   *
   * @return the {@code disabled} flag, false when not sent
   */
  @JsonProperty("disabled")
  public boolean disabled() {
    return disabled;
  }

  /**
   * The tag names. The service sends tags as strings or as {@code {"id", "name"}} objects; both
   * give their names here.
   *
   * @return an unmodifiable list
   */
  @JsonProperty("tags")
  public List<String> tags() {
    return tags;
  }

  /**
   * The configuration, sent when the listing was hydrated; the service masks secret values as
   * {@code ********}. Non-string values are given as their JSON text.
   *
   * @return an unmodifiable map, empty when not sent
   */
  public Map<String, String> configuration() {
    return configuration;
  }

  /**
   * When the instance was created. The service sends an ISO-8601 text or epoch milliseconds; text
   * is parsed on the first call.
   *
   * @return the time, when sent
   */
  public Optional<Instant> createdDate() {
    return Optional.ofNullable(createdDateOrNull());
  }

  // For the JSON view, without Optional: Jackson 2 writes one only with a module.
  @JsonProperty("createdDate")
  private @Nullable Instant createdDateOrNull() {
    Instant date = createdDate;
    if (date == null && createdDateText != null) {
      date = parse(createdDateText);
      createdDate = date;
    }
    return date;
  }

  /**
   * When the instance was last updated; as {@link #createdDate()}.
   *
   * @return the time, when sent
   */
  public Optional<Instant> updatedDate() {
    return Optional.ofNullable(updatedDateOrNull());
  }

  // For the JSON view, without Optional: Jackson 2 writes one only with a module.
  @JsonProperty("updatedDate")
  private @Nullable Instant updatedDateOrNull() {
    Instant date = updatedDate;
    if (date == null && updatedDateText != null) {
      date = parse(updatedDateText);
      updatedDate = date;
    }
    return date;
  }

  /** ISO-8601 text as an instant, or null if it is none: a bad date does not fail a listing. */
  private static @Nullable Instant parse(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The user who owns the instance.
   *
   * @return the owner, when sent
   */
  public Optional<Owner> user() {
    return Optional.ofNullable(user);
  }

  /**
   * The description.
   *
   * @return the description, when sent
   */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /**
   * Whether the service caches this instance's responses.
   *
   * @return the {@code cachingEnabled} flag
   */
  @JsonProperty("cachingEnabled")
  public boolean cachingEnabled() {
    return cachingEnabled;
  }

  /**
   * Whether trace logging is on for this instance.
   *
   * @return the {@code traceLoggingEnabled} flag
   */
  @JsonProperty("traceLoggingEnabled")
  public boolean traceLoggingEnabled() {
    return traceLoggingEnabled;
  }

  /**
   * Whether events are on for this instance.
   *
   * @return the {@code eventsEnabled} flag
   */
  @JsonProperty("eventsEnabled")
  public boolean eventsEnabled() {
    return eventsEnabled;
  }

  /**
   * How long the service caches this instance's responses.
   *
   * @return the {@code cacheTimeToLive}, 0 when not sent
   */
  @JsonProperty("cacheTimeToLive")
  public long cacheTimeToLive() {
    return cacheTimeToLive;
  }

  /**
   * The largest cache the service keeps for this instance.
   *
   * @return the {@code maxCacheSize}, 0 when not sent
   */
  @JsonProperty("maxCacheSize")
  public long maxCacheSize() {
    return maxCacheSize;
  }

  /**
   * The channel name.
   *
   * @return the {@code channelName}, when sent
   */
  public Optional<String> channelName() {
    return Optional.ofNullable(channelName);
  }

  /**
   * What the provider said of the instance; non-string values are given as their JSON text.
   *
   * @return an unmodifiable map, empty when not sent
   */
  public Map<String, String> providerData() {
    return providerData;
  }

  /** The token's fingerprint for the JSON view: tells tokens apart, never reveals one. */
  @JsonProperty("tokenFingerprint")
  private @Nullable String tokenFingerprint() {
    return token == null ? null : token.fingerprint();
  }

  /** The configuration's keys for the JSON view: its values may be OAuth secrets. */
  @JsonProperty("configurationKeys")
  private List<String> configurationKeys() {
    return configuration.keySet().stream().sorted().toList();
  }

  /** The provider data's keys for the JSON view: its values may be secrets too. */
  @JsonProperty("providerDataKeys")
  private List<String> providerDataKeys() {
    return providerData.keySet().stream().sorted().toList();
  }

  /**
   * Equal when every field is equal; the token compares in constant time.
   *
   * @param other the object to compare with
   * @return true if equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Instance that
        && id == that.id
        && valid == that.valid
        && disabled == that.disabled
        && cachingEnabled == that.cachingEnabled
        && traceLoggingEnabled == that.traceLoggingEnabled
        && eventsEnabled == that.eventsEnabled
        && cacheTimeToLive == that.cacheTimeToLive
        && maxCacheSize == that.maxCacheSize
        && Objects.equals(channelName, that.channelName)
        && providerData.equals(that.providerData)
        && Objects.equals(name, that.name)
        && Objects.equals(token, that.token)
        && Objects.equals(element, that.element)
        && tags.equals(that.tags)
        && configuration.equals(that.configuration)
        && Objects.equals(createdDateOrNull(), that.createdDateOrNull())
        && Objects.equals(updatedDateOrNull(), that.updatedDateOrNull())
        && Objects.equals(user, that.user)
        && Objects.equals(description, that.description);
  }

  /**
   * A hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(id, name, token, element, tags, createdDateOrNull(), updatedDateOrNull());
  }

  /**
   * Names the instance and its connector; the token is redacted.
   *
   * @return for example {@code "Instance[id=42, name=CRM, element=sfdc,
   *     token=InstanceToken[REDACTED]]"}
   */
  @Override
  public String toString() {
    return "Instance[id="
        + id
        + ", name="
        + name
        + ", element="
        + (element == null ? null : element.key())
        + ", token="
        + token
        + "]";
  }

  /**
   * A connector (element), as an instance names it.
   *
   * @param id the connector's id
   * @param key the connector key, such as {@code sfdc}
   * @param name the display name, such as {@code Salesforce}
   * @param hub the hub, such as {@code crm}
   * @param authenticationType such as {@code oauth2}
   */
  public record Element(
      long id,
      @Nullable String key,
      @Nullable String name,
      @Nullable String hub,
      @Nullable String authenticationType) {}

  /**
   * The user who owns an instance.
   *
   * @param id the user id
   * @param emailAddress the e-mail address
   * @param firstName the first name
   * @param lastName the last name
   */
  public record Owner(
      long id,
      @Nullable String emailAddress,
      @Nullable String firstName,
      @Nullable String lastName) {}
}
