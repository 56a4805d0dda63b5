package io.github.openconnectors.spring;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks the starter's secrets in Actuator's {@code /actuator/configprops} and {@code /actuator/env}
 * even when an operator shows their values ({@code show-values=always}): {@code
 * openconnectors.user-secret}, {@code organization-secret}, {@code instance-token} and {@code
 * password}, by whatever property source they come.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class OpenConnectorsActuatorAutoConfiguration {

  // Keys as /actuator/env names them (user-secret) and as /actuator/configprops does (userSecret).
  private static final Set<String> SECRETS =
      Set.of("usersecret", "organizationsecret", "instancetoken", "password");

  /** Made by Spring. */
  public OpenConnectorsActuatorAutoConfiguration() {}

  /**
   * The function that masks the secrets.
   *
   * @return masks {@code openconnectors.*} secrets, leaves every other value as it was
   */
  @Bean
  public SanitizingFunction openConnectorsSecretsSanitizer() {
    return data -> isSecret(data) ? data.withSanitizedValue() : data;
  }

  static boolean isSecret(SanitizableData data) {
    String key = data.getKey().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    if (!key.startsWith("openconnectors.")) {
      return false;
    }
    return SECRETS.contains(key.substring("openconnectors.".length()));
  }
}
