package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensitivePropertiesTest {

  @Test
  void namesASecretInEveryFormAPropertySourceGivesIt() {
    assertThat(SensitiveProperties.isSecret("openconnectors.redis.key")).isTrue();
    assertThat(SensitiveProperties.isSecret("OPENCONNECTORS_REDIS_KEY")).isTrue();
    assertThat(SensitiveProperties.isSecret("openconnectors.userSecret")).isTrue();
    assertThat(SensitiveProperties.isSecret("OPENCONNECTORS_USERSECRET")).isTrue();
    assertThat(SensitiveProperties.isSecret("OPEN_CONNECTORS_USER_SECRET")).isTrue();
    assertThat(SensitiveProperties.isSecret("OPEN_CONNECTORS_BEARER_TOKEN")).isTrue();
    assertThat(SensitiveProperties.isSecret("openconnectors.redis.namespace")).isFalse();
    assertThat(SensitiveProperties.isSecret("openconnectors.username")).isFalse();
    assertThat(SensitiveProperties.isSecret("spring.data.redis.password")).isFalse();
  }

  @Test
  void masksTheUserInfoOfAUrlAndKeepsItsHost() {
    assertThat(SensitiveProperties.withoutUserInfo("redis://default:pw@redis.internal:6379/0"))
        .isEqualTo("redis://******@redis.internal:6379/0");
    assertThat(SensitiveProperties.withoutUserInfo("redis://pw@redis.internal"))
        .isEqualTo("redis://******@redis.internal");
    assertThat(SensitiveProperties.withoutUserInfo("rediss://u:p@w@host_name:6380?timeout=1s"))
        .isEqualTo("rediss://******@host_name:6380?timeout=1s");
    assertThat(SensitiveProperties.withoutUserInfo("https://api.example.com/elements/api-v2"))
        .isEqualTo("https://api.example.com/elements/api-v2");
    assertThat(SensitiveProperties.withoutUserInfo("https://host/path@with-at"))
        .isEqualTo("https://host/path@with-at");
  }

  @Test
  void masksWholeAValueWithAnAtSignButNoScheme() {
    assertThat(SensitiveProperties.withoutUserInfo("user:pw@host:6379")).isEqualTo("******");
    assertThat(SensitiveProperties.withoutUserInfo("host:6379")).isEqualTo("host:6379");
  }
}
