package io.github.openconnectors.reactor;

import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.reactor.fleet.SharedCache;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bearer log-in, {@code POST /authentication} with a username and password, and the cache of the
 * token it gives, configured as the application asked. Never printed with its password.
 */
final class BearerLogin {

  private final String username;
  private final String password;
  private final UnaryOperator<CachingCredentialsProvider.Builder> cache;

  BearerLogin(
      String username, String password, UnaryOperator<CachingCredentialsProvider.Builder> cache) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.cache = cache;
  }

  /**
   * The log-in's bearer token, cached as the application configured the cache, shared with the
   * fleet when there is a shared cache.
   *
   * @param anonymous requests without credentials: the log-in sends none
   */
  CredentialsProvider provider(
      Requests anonymous,
      JsonMapper mapper,
      @Nullable SharedCache shared,
      URI baseUrl,
      Instrumentation instrumentation) {
    CachingCredentialsProvider.Builder builder =
        CachingCredentialsProvider.builder(logIn(anonymous, mapper));
    if (shared != null) {
      builder.shared(shared, FleetKeys.of(baseUrl, "bearer-login", username));
    }
    CachingCredentialsProvider.Builder configured = cache.apply(builder);
    CachingCredentialsProvider provider =
        Objects.requireNonNull(configured, "the bearerLogin cache configuration returned null")
            .build();
    if (instrumentation != Instrumentation.NONE) {
      provider.listen(failure -> instrumentation.refreshed("bearer-login", failure));
    }
    return provider;
  }

  /**
   * {@code POST /authentication}: a bearer token, whose JWT {@code exp} the cache honours. An
   * answer without a usable {@code token} is a {@link ProtocolException} naming the field, never
   * its value.
   */
  private Mono<Credentials> logIn(Requests anonymous, JsonMapper mapper) {
    return Mono.defer(
        () ->
            anonymous.postWithoutCredentials(
                new RequestUri("/authentication"),
                mapper.writeValueAsBytes(Map.of("username", username, "password", password)),
                answer -> Credentials.bearer(bearerToken(anonymous.tree(answer)))));
  }

  private static BearerToken bearerToken(JsonNode answer) {
    JsonNode token = answer.path("token");
    if (!token.isString() || token.asString().isEmpty()) {
      throw new JsonItemDecoder.BodyException("the log-in answer has no token (field token)");
    }
    try {
      return BearerToken.of(token.asString());
    } catch (IllegalArgumentException unusable) {
      // The message names the reason, never the token.
      throw new JsonItemDecoder.BodyException(
          "the log-in answer's token (field token) is unusable: " + unusable.getMessage());
    }
  }

  @Override
  public String toString() {
    return "BearerLogin[" + username + ", password=[REDACTED]]";
  }
}
