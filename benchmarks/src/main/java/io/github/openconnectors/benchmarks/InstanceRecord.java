package io.github.openconnectors.benchmarks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An instance as a peer client's user would map it: the fields this client's {@code Instance} reads
 * that matter to most callers, bound by Jackson. Dates stay text: the service sends one as ISO text
 * and the other as epoch milliseconds.
 *
 * @param id the id
 * @param name the name
 * @param token the instance token
 * @param element the connector
 * @param valid whether valid
 * @param disabled whether disabled
 * @param tags the tags
 * @param createdDate when created
 * @param updatedDate when updated
 * @param description the description
 * @param user the owner
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceRecord(
    long id,
    @Nullable String name,
    @Nullable String token,
    @Nullable Element element,
    boolean valid,
    boolean disabled,
    @Nullable List<String> tags,
    @Nullable String createdDate,
    @Nullable String updatedDate,
    @Nullable String description,
    @Nullable Owner user) {

  /**
   * The connector.
   *
   * @param id its id
   * @param key its key
   * @param name its name
   * @param hub its hub
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Element(
      long id, @Nullable String key, @Nullable String name, @Nullable String hub) {}

  /**
   * The owner.
   *
   * @param id the user's id
   * @param emailAddress the user's address
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Owner(long id, @Nullable String emailAddress) {}
}
