package io.github.openconnectors.reactor;

import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/** Reads the {@code exp} claim of a bearer token, when the token happens to be a JWT. */
final class Jwt {

  // Its deserializer is resolved here, once: resolving it on an event loop would take a lock.
  private static final ObjectReader CLAIMS = JsonMapper.builder().build().readerFor(JsonNode.class);

  private Jwt() {}

  /** When the credentials' bearer token expires, if it is a JWT with an {@code exp} claim. */
  static Optional<Instant> expiry(Credentials credentials) {
    return credentials.bearerToken().flatMap(Jwt::expiry);
  }

  static Optional<Instant> expiry(BearerToken token) {
    String[] parts = token.reveal().split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode claims = CLAIMS.readValue(Base64.getUrlDecoder().decode(parts[1]));
      JsonNode exp = claims.path("exp");
      return exp.isNumber() ? Optional.of(Instant.ofEpochSecond(exp.asLong())) : Optional.empty();
    } catch (IllegalArgumentException | JacksonException notAJwt) {
      // An opaque token: its lifetime is unknown, and a 401 will say when it ends.
      return Optional.empty();
    }
  }
}
