package io.github.openconnectors.emulator;

import io.github.openconnectors.core.AuthorizationHeader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The service's authentication endpoints: log-in, the secrets, their reset, the organization. */
final class AuthenticationApi {

  private final Tenant tenant;

  AuthenticationApi(Tenant tenant) {
    this.tenant = tenant;
  }

  /** {@code POST /authentication}: a bearer token for the right username and password. */
  Reply logIn(Exchange exchange, byte[] body) {
    String username;
    String password;
    try {
      JsonNode login = Json.TREES.readValue(body);
      username = login.path("username").isString() ? login.path("username").asString() : null;
      password = login.path("password").isString() ? login.path("password").asString() : null;
    } catch (JacksonException e) {
      return error(exchange, 400, "The body must be JSON: {\"username\": ..., \"password\": ...}");
    }
    if (username == null || password == null) {
      return error(exchange, 400, "The body must hold a username and a password");
    }
    return Optional.ofNullable(tenant.logIn(username, password))
        .map(token -> Reply.json(200, Json.object(Map.of("token", token.reveal()))))
        .orElseGet(() -> error(exchange, 401, "Invalid username or password"));
  }

  /** {@code GET /authentication/secrets}: the secrets, for a live bearer token. */
  Reply secrets(Exchange exchange) {
    if (exchange.headerError() != null) {
      return error(exchange, 401, exchange.headerError());
    }
    AuthorizationHeader header = exchange.header();
    boolean live =
        header != null && header.credentials().bearerToken().map(tenant::isLive).orElse(false);
    if (!live) {
      return error(exchange, 401, "A valid Bearer token is required");
    }
    Map<String, String> secrets = new LinkedHashMap<>();
    secrets.put("userSecret", tenant.user().reveal());
    secrets.put("organizationSecret", tenant.organization().reveal());
    return Reply.json(200, Json.object(secrets));
  }

  /** {@code POST /authentication/user-secret-reset}, once the platform credentials passed. */
  Reply resetUserSecret() {
    // The service's response body is undocumented: the emulator answers with the new secret.
    return Reply.json(200, Json.object(Map.of("userSecret", tenant.rotateUser().reveal())));
  }

  /** {@code GET /organizations/me}, once the platform credentials passed. */
  Reply organization() {
    Map<String, Object> organization = new LinkedHashMap<>();
    organization.put("id", 1);
    organization.put("name", "Emulated Organization");
    organization.put("secret", tenant.organization().reveal());
    organization.put("active", true);
    organization.put("createdDate", "2019-03-01T08:00:00Z");
    return Reply.json(200, Json.object(organization));
  }

  private static Reply error(Exchange exchange, int status, String message) {
    return Reply.error(exchange.requestId(), status, message);
  }
}
