package io.github.openconnectors.spring;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the starter's secrets in Actuator's {@code /actuator/configprops} and {@code /actuator/env}
 * even when an operator shows their values ({@code show-values=always}): {@code
 * openconnectors.user-secret}, {@code organization-secret}, {@code instance-token}, {@code
 * password} and {@code redis.key} whole, the user-info of {@code base-url} and {@code redis.url} (a
 * Redis password), and the {@code OPEN_CONNECTORS_*} secret variables the README configures, by
 * whatever property source and in whatever form they come.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class OpenConnectorsActuatorAutoConfiguration {

  /** Made by Spring. */
  public OpenConnectorsActuatorAutoConfiguration() {}

  /**
   * The function that masks the secrets, Spring Boot's own mechanism for it.
   *
   * @return masks the starter's secrets and its URLs' user-info, leaves every other value as it was
   */
  @Bean
  public SanitizingFunction openConnectorsSecretsSanitizer() {
    return OpenConnectorsActuatorAutoConfiguration::sanitize;
  }

  static SanitizableData sanitize(SanitizableData data) {
    String key = data.getKey();
    if (SensitiveProperties.isSecret(key)) {
      return data.withSanitizedValue();
    }
    if (SensitiveProperties.isUrl(key) && data.getValue() != null) {
      return data.withValue(SensitiveProperties.withoutUserInfo(String.valueOf(data.getValue())));
    }
    return data;
  }
}
