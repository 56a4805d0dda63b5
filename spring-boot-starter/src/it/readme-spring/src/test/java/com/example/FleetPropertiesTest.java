package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.spring.OpenConnectorsProperties;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The guide's fleet properties (docs/many-replicas.md) bind as written: a comment after a value,
 * which a properties file takes as part of the value, would fail here.
 */
class FleetPropertiesTest {

  @Test
  void theGuidesFleetPropertiesBind() throws Exception {
    Properties fleet = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application-fleet.properties")) {
      fleet.load(in);
    }
    OpenConnectorsProperties bound =
        new Binder(new MapConfigurationPropertySource(fleet))
            .bind("openconnectors", OpenConnectorsProperties.class)
            .get();

    assertThat(bound.getRedis().getUrl()).isEqualTo("redis://redis.internal:6379");
    assertThat(bound.getRedis().getKey()).isEqualTo("${OC_CACHE_KEY}");
    assertThat(bound.getRedis().getTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(bound.getRedis().getLease()).isEqualTo(Duration.ofSeconds(10));
    assertThat(bound.getRedis().getNamespace()).isEqualTo("openconnectors");
    assertThat(bound.getRateLimit().getRequests()).isEqualTo(100);
    assertThat(bound.getRateLimit().getInstanceRequests()).isEqualTo(20);
  }
}
