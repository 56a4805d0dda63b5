package io.github.openconnectors.core;

/**
 * The bearer token: a token from a log-in, sent alone in place of the user and organization
 * secrets.
 *
 * <p>Validated when made (see {@link Secret}); prints as {@code BearerToken[REDACTED]}.
 *
 * <pre>{@code
 * BearerToken secret = BearerToken.of(System.getenv("OPEN_CONNECTORS_BEARER_TOKEN"));
 * }</pre>
 */
public final class BearerToken extends Secret {

  private BearerToken(String value) {
    super(CredentialPart.BEARER, value);
  }

  /**
   * Makes a bearer token from its value.
   *
   * @param value the bearer token as the service issued it
   * @return the bearer token
   * @throws NullPointerException if value is null
   * @throws IllegalArgumentException if value is empty, longer than {@value Secret#MAX_LENGTH}
   *     characters, or holds a comma, whitespace, a control character or a non-ASCII character
   */
  public static BearerToken of(String value) {
    return new BearerToken(value);
  }
}
