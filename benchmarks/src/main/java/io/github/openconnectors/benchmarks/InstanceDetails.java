package io.github.openconnectors.benchmarks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An instance as a peer client's user would map the answer of {@code GET /instances/{id}}: the
 * fields of {@link InstanceRecord}, with the tags as the objects this answer sends and the
 * configuration, which this client's {@code Instance} reads too.
 *
 * @param id the id
 * @param name the name
 * @param token the instance token
 * @param element the connector
 * @param valid whether valid
 * @param disabled whether disabled
 * @param tags the tags
 * @param configuration the configuration
 * @param createdDate when created
 * @param updatedDate when updated
 * @param description the description
 * @param user the owner
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InstanceDetails(
    long id,
    @Nullable String name,
    @Nullable String token,
    InstanceRecord.@Nullable Element element,
    boolean valid,
    boolean disabled,
    @Nullable List<Tag> tags,
    @Nullable Map<String, String> configuration,
    @Nullable String createdDate,
    @Nullable String updatedDate,
    @Nullable String description,
    InstanceRecord.@Nullable Owner user) {

  /**
   * A tag.
   *
   * @param id its id
   * @param name its name
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Tag(long id, @Nullable String name) {}
}
