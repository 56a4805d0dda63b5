package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.core.InstanceToken;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class InstanceReaderTest {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  static Instance read(String json) {
    return InstanceReader.read(MAPPER.createParser(json));
  }

  @Test
  void readsTheSwaggerFieldsAndIgnoresUnknownOnes() {
    Instance instance =
        read(
            """
            {"id": 42, "name": "CRM", "token": "t+/=", "valid": true, "disabled": false,
             "element": {"id": 3, "key": "sfdc", "name": "Salesforce", "hub": "crm", "authenticationType": "oauth2", "new": 1},
             "user": {"id": 7, "emailAddress": "a@example.com", "firstName": "Ada", "lastName": "Lovelace"},
             "configuration": {"base.url": "https://x", "oauth.api.secret": "********", "retries": 3, "none": null},
             "createdDate": "2024-01-15T09:30:00Z", "updatedDate": 1717243200000,
             "cachingEnabled": true, "cacheTimeToLive": 60, "maxCacheSize": 100, "channelName": "sfdc-42",
             "providerData": {"instance_url": "https://x.my.salesforce.com", "ttl": 3600},
             "someFieldFromTheFuture": {"x": [1, 2]}}
            """);

    assertThat(instance.id()).isEqualTo(42);
    assertThat(instance.name()).hasValue("CRM");
    assertThat(instance.token()).contains(InstanceToken.of("t+/="));
    assertThat(instance.valid()).isTrue();
    assertThat(instance.element())
        .hasValue(new Instance.Element(3, "sfdc", "Salesforce", "crm", "oauth2"));
    assertThat(instance.user()).hasValue(new Instance.Owner(7, "a@example.com", "Ada", "Lovelace"));
    assertThat(instance.configuration())
        .containsEntry("oauth.api.secret", "********")
        .containsEntry("retries", "3")
        .doesNotContainKey("none");
    assertThat(instance.createdDate()).hasValue(Instant.parse("2024-01-15T09:30:00Z"));
    assertThat(instance.updatedDate()).hasValue(Instant.ofEpochMilli(1717243200000L));
    assertThat(instance.cachingEnabled()).isTrue();
    assertThat(instance.cacheTimeToLive()).isEqualTo(60);
    assertThat(instance.maxCacheSize()).isEqualTo(100);
    assertThat(instance.channelName()).hasValue("sfdc-42");
    assertThat(instance.providerData())
        .containsEntry("instance_url", "https://x.my.salesforce.com")
        .containsEntry("ttl", "3600");
  }

  @Test
  void readsTagsAsStringsOrObjects() {
    assertThat(read("{\"id\": 1, \"tags\": [\"prod\", \"eu\"]}").tags())
        .containsExactly("prod", "eu");
    assertThat(
            read("{\"id\": 1, \"tags\": [{\"id\": 5, \"name\": \"prod\"}, {\"id\": 6, \"name\": \"eu\"}]}")
                .tags())
        .containsExactly("prod", "eu");
  }

  @Test
  void isLenientAboutShapesItDoesNotExpect() {
    Instance instance =
        read(
            """
            {"id": 42.0, "valid": "true", "disabled": 1, "tags": "prod", "element": "sfdc",
             "user": [], "createdDate": "not a date", "updatedDate": 1717243200000.0,
             "cacheTimeToLive": "60", "configuration": {"nested": {"a": [1, true]}, "n": 1.5},
             "name": {"text": "CRM"}}
            """);

    assertThat(instance.id()).isEqualTo(42);
    assertThat(instance.valid()).isTrue();
    assertThat(instance.disabled()).isFalse();
    assertThat(instance.tags()).isEmpty();
    assertThat(instance.element()).isEmpty();
    assertThat(instance.user()).isEmpty();
    assertThat(instance.createdDate()).isEmpty();
    assertThat(instance.updatedDate()).hasValue(Instant.ofEpochMilli(1717243200000L));
    assertThat(instance.cacheTimeToLive()).isZero();
    assertThat(instance.configuration())
        .containsEntry("nested", "{\"a\":[1,true]}")
        .containsEntry("n", "1.5");
    assertThat(instance.name()).isEmpty();
  }

  @Test
  void anIdThatIsNoNumberIsSkippedWholeAndRefused() {
    assertThatThrownBy(() -> read("{\"id\": {\"value\": 7, \"name\": \"x\"}, \"name\": \"CRM\"}"))
        .hasMessage("an instance has no numeric id");
    assertThat(read("{\"id\": [1], \"id\": 5}").id()).isEqualTo(5);
  }

  @Test
  void datesSentAsTextAreEqualByTheirInstantWhenParsedLazily() {
    Instance text = read("{\"id\": 1, \"createdDate\": \"2024-01-15T09:30:00.000Z\"}");
    Instance sameInstant = read("{\"id\": 1, \"createdDate\": \"2024-01-15T09:30:00Z\"}");
    Instance millis = read("{\"id\": 1, \"createdDate\": 1705311000000}");

    assertThat(text).isEqualTo(sameInstant).isEqualTo(millis).hasSameHashCodeAs(millis);
    assertThat(text.createdDate().orElseThrow()).isSameAs(text.createdDate().orElseThrow());
    assertThat(read("{\"id\": 1, \"createdDate\": \"2024-13-45\"}"))
        .isNotEqualTo(text)
        .isEqualTo(read("{\"id\": 1}"));
  }

  @Test
  void unknownFieldsOfAnyShapeAndLongNamesAreSkipped() {
    Instance instance =
        read(
            """
            {"provisionInteractions": [{"id": 1}], "id": 3, "externalAuthentication": "none",
             "aVeryLongFieldNameThatIsNoneOfTheKnownOnesAtAll": {"name": "not this"},
             "element": {"transformationsEnabled": true, "key": "sfdc", "nested": {"key": "no"}},
             "user": {"emailAddress": "a@example.com", "roles": ["admin"]}, "name": "CRM"}
            """);

    assertThat(instance.id()).isEqualTo(3);
    assertThat(instance.name()).hasValue("CRM");
    assertThat(instance.element()).isPresent();
    assertThat(instance.element().orElseThrow().key()).isEqualTo("sfdc");
    assertThat(instance.user()).isPresent();
    assertThat(instance.user().orElseThrow().emailAddress()).isEqualTo("a@example.com");
  }

  @Test
  void printsTheTokenRedacted() {
    assertThat(
            read(
                "{\"id\": 1, \"name\": \"CRM\", \"token\": \"very-secret-token\", \"element\": {\"key\": \"sfdc\"}}"))
        .hasToString("Instance[id=1, name=CRM, element=sfdc, token=InstanceToken[REDACTED]]");
  }

  @Test
  void refusesAnInstanceWithoutIdOrWithAnUnusableTokenWithoutPrintingIt() {
    assertThatThrownBy(() -> read("{\"name\": \"x\"}")).hasMessage("an instance has no numeric id");
    assertThatThrownBy(() -> read("{\"id\": 1, \"token\": \"bad token\"}"))
        .hasMessage(
            "an instance has an unusable token: instance token contains whitespace,"
                + " which cannot travel in an Authorization header part");
  }
}
