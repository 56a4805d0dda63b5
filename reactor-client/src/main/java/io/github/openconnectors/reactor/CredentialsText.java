package io.github.openconnectors.reactor;

import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.HeaderStyle;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import io.github.openconnectors.reactor.fleet.SharedCache;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Credentials as text for a {@link SharedCache}, and back: a JSON object of the secrets they hold
 * and their header style. The text holds secrets; the shared cache protects it.
 */
final class CredentialsText {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  // Resolved here, off the event loops: Jackson resolves a (de)serializer under a lock the first
  // time, which callers racing on several loops met as a park (BlockHound caught it).
  private static final ObjectReader TREES = JSON.readerFor(JsonNode.class);
  private static final ObjectWriter TEXT = JSON.writerFor(ObjectNode.class);

  private CredentialsText() {}

  static String write(Credentials credentials) {
    ObjectNode text = JSON.createObjectNode();
    credentials.userSecret().ifPresent(secret -> text.put("user", secret.reveal()));
    credentials.organizationSecret().ifPresent(secret -> text.put("organization", secret.reveal()));
    credentials.instanceToken().ifPresent(secret -> text.put("instanceToken", secret.reveal()));
    credentials.bearerToken().ifPresent(secret -> text.put("bearer", secret.reveal()));
    text.put("style", credentials.headerStyle().name());
    return TEXT.writeValueAsString(text);
  }

  /**
   * The credentials the text holds.
   *
   * @throws IllegalArgumentException if it holds none, or is not such a text; the message never
   *     quotes it
   */
  static Credentials read(String text) {
    JsonNode json;
    try {
      json = TREES.readValue(text);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("shared credentials are not valid JSON", null);
    }
    String user = field(json, "user");
    String organization = field(json, "organization");
    String token = field(json, "instanceToken");
    String bearer = field(json, "bearer");
    Credentials credentials;
    if (bearer != null) {
      credentials = Credentials.bearer(BearerToken.of(bearer));
    } else if (user != null && organization != null) {
      credentials = Credentials.platform(UserSecret.of(user), OrganizationSecret.of(organization));
    } else if (user != null && token != null) {
      credentials = Credentials.connector(UserSecret.of(user), InstanceToken.of(token));
    } else {
      throw new IllegalArgumentException("shared credentials hold no usable secrets");
    }
    if (user != null) {
      credentials = credentials.withUserSecret(UserSecret.of(user));
    }
    if (organization != null) {
      credentials = credentials.withOrganizationSecret(OrganizationSecret.of(organization));
    }
    if (token != null) {
      credentials = credentials.withInstanceToken(InstanceToken.of(token));
    }
    String style = field(json, "style");
    return style == null ? credentials : credentials.withHeaderStyle(HeaderStyle.valueOf(style));
  }

  private static @Nullable String field(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value != null && value.isString() ? value.asString() : null;
  }
}
