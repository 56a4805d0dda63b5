package io.github.openconnectors.core;

/**
 * The user secret: the secret that identifies a user; every request but a bearer one carries it.
 *
 * <p>Validated when made (see {@link Secret}); prints as {@code UserSecret[REDACTED]}.
 *
 * <pre>{@code
 * UserSecret secret = UserSecret.of(System.getenv("OPEN_CONNECTORS_USER_SECRET"));
 * }</pre>
 */
public final class UserSecret extends Secret {

  private UserSecret(String value) {
    super(CredentialPart.USER, value);
  }

  /**
   * Makes a user secret from its value.
   *
   * @param value the user secret as the service issued it
   * @return the user secret
   * @throws NullPointerException if value is null
   * @throws IllegalArgumentException if value is empty, longer than {@value Secret#MAX_LENGTH}
   *     characters, or holds a comma, whitespace, a control character or a non-ASCII character
   */
  public static UserSecret of(String value) {
    return new UserSecret(value);
  }
}
