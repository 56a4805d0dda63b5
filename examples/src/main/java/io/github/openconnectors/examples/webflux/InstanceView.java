package io.github.openconnectors.examples.webflux;

import io.github.openconnectors.reactor.Instance;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An instance as this application serves it: what identifies and describes it, never its token or
 * configuration, which are credentials.
 *
 * @param id the instance's id
 * @param name its name
 * @param connector the connector key, such as {@code sfdc}
 * @param hub the connector's hub, such as {@code crm}
 * @param tags its tags
 * @param disabled whether it is disabled
 * @param valid whether it is valid
 * @param createdDate when it was created
 * @param updatedDate when it was last changed
 */
public record InstanceView(
    long id,
    @Nullable String name,
    @Nullable String connector,
    @Nullable String hub,
    List<String> tags,
    boolean disabled,
    boolean valid,
    @Nullable Instant createdDate,
    @Nullable Instant updatedDate) {

  static InstanceView of(Instance instance) {
    Instance.Element element = instance.element();
    return new InstanceView(
        instance.id(),
        instance.name(),
        element == null ? null : element.key(),
        element == null ? null : element.hub(),
        instance.tags(),
        instance.disabled(),
        instance.valid(),
        instance.createdDate(),
        instance.updatedDate());
  }
}
