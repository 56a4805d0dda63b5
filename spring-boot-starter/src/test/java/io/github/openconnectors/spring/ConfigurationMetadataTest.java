package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata IDEs read: every property listed, described, with its default. */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyIsListedAndDescribed() throws Exception {
    List<JsonNode> properties = new ArrayList<>();
    Enumeration<URL> files =
        getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
    while (files.hasMoreElements()) {
      try (InputStream in = files.nextElement().openStream()) {
        JsonMapper.builder()
            .build()
            .readTree(in)
            .path("properties")
            .forEach(
                property -> {
                  if (property.path("name").asString().startsWith("openconnectors.")) {
                    properties.add(property);
                  }
                });
      }
    }

    assertThat(properties)
        .extracting(property -> property.path("name").asString())
        .contains(
            "openconnectors.base-url",
            "openconnectors.user-secret",
            "openconnectors.organization-secret",
            "openconnectors.instance-token",
            "openconnectors.username",
            "openconnectors.password",
            "openconnectors.login.prefetch",
            "openconnectors.login.stale",
            "openconnectors.connect-timeout",
            "openconnectors.response-timeout",
            "openconnectors.pool.max-connections",
            "openconnectors.pool.max-idle-time",
            "openconnectors.retry.max-retries",
            "openconnectors.page-size",
            "openconnectors.max-item-size",
            "openconnectors.wiretap",
            "openconnectors.health.cache-time",
            "openconnectors.events.path",
            "openconnectors.events.signature-key",
            "openconnectors.events.previous-signature-key",
            "openconnectors.events.max-body-size",
            "openconnectors.events.max-in-flight",
            "openconnectors.events.remembered-ids",
            "openconnectors.metrics.connection-pool",
            "openconnectors.rate-limit.requests",
            "openconnectors.rate-limit.per",
            "openconnectors.rate-limit.instance-requests",
            "openconnectors.rate-limit.instance-per");
    assertThat(properties)
        .allSatisfy(
            property ->
                assertThat(property.path("description").asString())
                    .as(property.path("name").asString())
                    .isNotBlank());
    assertThat(properties)
        .extracting(property -> property.path("name").asString())
        .as("a former name is removed before 1.0, not deprecated")
        .doesNotContain("openconnectors.max-instance-size");
    assertThat(properties)
        .filteredOn(
            property -> property.path("name").asString().equals("openconnectors.connect-timeout"))
        .singleElement()
        .satisfies(
            property -> assertThat(property.path("defaultValue").asString()).isEqualTo("10s"));
  }
}
