package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Instances and pages as Jackson 3 and Jackson 2 write them: views without secrets. */
class InstanceJsonViewTest {

  static final String TOKEN = "the-instance-token-value+/=";
  static final String OAUTH_SECRET = "an-oauth-client-secret";
  static final String PROVIDER_SECRET = "a-provider-refresh-token";

  static final Instance INSTANCE =
      InstanceReaderTest.read(
          """
          {"id": 42, "name": "CRM", "token": "%s", "valid": true, "disabled": false,
           "element": {"id": 3, "key": "sfdc", "name": "Salesforce", "hub": "crm", "authenticationType": "oauth2"},
           "user": {"id": 7, "emailAddress": "a@example.com", "firstName": "Ada", "lastName": "Lovelace"},
           "configuration": {"oauth.api.secret": "%s", "base.url": "https://x"},
           "tags": ["prod"], "createdDate": "2024-01-15T09:30:00Z",
           "providerData": {"refresh_token": "%s"}}
          """
              .formatted(TOKEN, OAUTH_SECRET, PROVIDER_SECRET));

  /** Jackson 3 as the client and Spring Boot 4 have it, and Jackson 2 as Spring Boot 3 has it. */
  static List<Function<Object, String>> writers() {
    JsonMapper jackson3 = JsonMapper.builder().build();
    ObjectMapper jackson2 =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    return List.of(
        jackson3::writeValueAsString,
        value -> {
          try {
            return jackson2.writeValueAsString(value);
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @ParameterizedTest
  @MethodSource("writers")
  void anInstanceIsWrittenWithoutItsTokenOrConfigurationValues(Function<Object, String> writer) {
    String json = writer.apply(INSTANCE);

    assertThat(json).doesNotContain(TOKEN, OAUTH_SECRET, PROVIDER_SECRET, "https://x");
    JsonNode view = JsonMapper.builder().build().readTree(json);
    assertThat(view.path("id").asLong()).isEqualTo(42);
    assertThat(view.path("name").asString()).isEqualTo("CRM");
    assertThat(view.path("element").path("key").asString()).isEqualTo("sfdc");
    assertThat(view.path("tokenFingerprint").asString())
        .isEqualTo(INSTANCE.token().orElseThrow().fingerprint());
    assertThat(view.path("configurationKeys").toString())
        .isEqualTo("[\"base.url\",\"oauth.api.secret\"]");
    assertThat(view.path("providerDataKeys").toString()).isEqualTo("[\"refresh_token\"]");
    assertThat(view.path("createdDate").asString()).isEqualTo("2024-01-15T09:30:00Z");
    assertThat(view.path("tags").toString()).isEqualTo("[\"prod\"]");
    assertThat(view.has("token")).isFalse();
    assertThat(view.has("configuration")).isFalse();
    assertThat(view.has("providerData")).isFalse();
  }

  /** A test that reads a controller's answer as {@code Instance} learns what to read instead. */
  @Test
  void theViewCannotBeReadBackAndSaysWhatToReadInstead() throws Exception {
    String json = JsonMapper.builder().build().writeValueAsString(INSTANCE);
    String why = "cannot be read back: read it as a JsonNode or a record of your own";

    assertThatThrownBy(() -> JsonMapper.builder().build().readValue(json, Instance.class))
        .hasMessageContaining(why)
        .hasMessageNotContaining(TOKEN);
    assertThatThrownBy(() -> new ObjectMapper().readValue(json, Instance.class))
        .as("Jackson 2, as Spring Boot 3 has it")
        .hasMessageContaining(why);
  }

  @ParameterizedTest
  @MethodSource("writers")
  void aPageIsWrittenWithItsCursorAndItsInstancesAsViews(Function<Object, String> writer) {
    String json = writer.apply(new Page<>(List.of(INSTANCE), "cursor-2", 9L, "request-1"));

    assertThat(json).doesNotContain(TOKEN, OAUTH_SECRET);
    JsonNode view = JsonMapper.builder().build().readTree(json);
    assertThat(view.path("items").get(0).path("id").asLong()).isEqualTo(42);
    assertThat(view.path("nextPageToken").asString()).isEqualTo("cursor-2");
    assertThat(view.path("totalCount").asLong()).isEqualTo(9);
    assertThat(view.path("requestId").asString()).isEqualTo("request-1");
  }
}
