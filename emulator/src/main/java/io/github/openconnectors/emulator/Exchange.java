package io.github.openconnectors.emulator;

import io.github.openconnectors.core.AuthorizationHeader;
import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.Secret;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the emulator knows of one request: its method, path, query, id and parsed header. */
final class Exchange {
  private final String method;
  private final @Nullable String path;
  private final Map<String, List<String>> query;
  private final String requestId;
  private final @Nullable AuthorizationHeader header;
  private final @Nullable String headerError;

  Exchange(
      String method,
      @Nullable String path,
      Map<String, List<String>> query,
      @Nullable String authorization,
      String requestId) {
    this.method = method;
    this.path = path;
    this.query = query;
    this.requestId = requestId;
    AuthorizationHeader parsed = null;
    String problem = null;
    if (authorization == null) {
      problem = "An Authorization header is required";
    } else {
      try {
        parsed = AuthorizationHeader.parse(authorization);
      } catch (IllegalArgumentException e) {
        // core's messages never hold a secret.
        problem = "Malformed Authorization header: " + e.getMessage();
      }
    }
    this.header = parsed;
    this.headerError = problem;
  }

  String method() {
    return method;
  }

  boolean underBasePath() {
    return path != null;
  }

  /** The path after the base path; only for a request {@link #underBasePath()}. */
  String path() {
    return Objects.requireNonNull(path);
  }

  Map<String, List<String>> query() {
    return query;
  }

  String requestId() {
    return requestId;
  }

  @Nullable AuthorizationHeader header() {
    return header;
  }

  @Nullable String headerError() {
    return headerError;
  }

  Map<CredentialPart, String> fingerprints() {
    Map<CredentialPart, String> fingerprints = new EnumMap<>(CredentialPart.class);
    if (header != null) {
      Credentials sent = header.credentials();
      List<Optional<? extends Secret>> secrets = new ArrayList<>();
      secrets.add(sent.userSecret());
      secrets.add(sent.organizationSecret());
      secrets.add(sent.instanceToken());
      secrets.add(sent.bearerToken());
      secrets.forEach(secret -> secret.ifPresent(s -> fingerprints.put(s.part(), s.fingerprint())));
    }
    return fingerprints;
  }
}
