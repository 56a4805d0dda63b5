package io.github.openconnectors.emulator;

import io.github.openconnectors.core.CredentialPart;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request the emulator received, as its journal keeps it: never a secret in clear.
 *
 * <p>Which credential parts the request carried is kept as the parts and their {@linkplain
 * io.github.openconnectors.core.Secret#fingerprint() fingerprints}, so a test can tell which secret
 * was sent without the journal holding it.
 */
public final class RecordedRequest {

  private final String method;
  private final String path;
  private final Map<String, List<String>> query;
  private final Map<CredentialPart, String> fingerprints;
  private final int status;
  private final String requestId;

  RecordedRequest(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<CredentialPart, String> fingerprints,
      int status,
      String requestId) {
    this.method = method;
    this.path = path;
    this.query = Collections.unmodifiableMap(query);
    this.fingerprints =
        Collections.unmodifiableMap(
            fingerprints.isEmpty()
                ? new EnumMap<>(CredentialPart.class)
                : new EnumMap<>(fingerprints));
    this.status = status;
    this.requestId = requestId;
  }

  /**
   * The HTTP method.
   *
   * @return for example {@code "GET"}
   */
  public String method() {
    return method;
  }

  /**
   * The decoded path after the {@code /elements/api-v2} base path.
   *
   * @return for example {@code "/instances/42"}
   */
  public String path() {
    return path;
  }

  /**
   * The decoded query parameters, in the order received.
   *
   * @return an unmodifiable map from name to values
   */
  public Map<String, List<String>> query() {
    return query;
  }

  /**
   * The credential parts the {@code Authorization} header carried; empty when it had none or could
   * not be parsed.
   *
   * @return an unmodifiable set
   */
  public Set<CredentialPart> credentialParts() {
    return fingerprints.keySet();
  }

  /**
   * The fingerprint of each credential part the request carried.
   *
   * @return an unmodifiable map, such as {@code {USER=sha256:1a2b3c4d, ORGANIZATION=...}}
   */
  public Map<CredentialPart, String> fingerprints() {
    return fingerprints;
  }

  /**
   * The status the emulator answered with.
   *
   * @return the HTTP status
   */
  public int status() {
    return status;
  }

  /**
   * The {@code Elements-Request-Id} the emulator answered with.
   *
   * @return the request id
   */
  public String requestId() {
    return requestId;
  }

  /**
   * One line: method, path, query, status and the parts carried.
   *
   * @return for example {@code "GET /instances {pageSize=[2]} -> 200 [USER, ORGANIZATION]"}
   */
  @Override
  public String toString() {
    return method + " " + path + " " + query + " -> " + status + " " + credentialParts();
  }
}
