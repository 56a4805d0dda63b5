package io.github.openconnectors.core;

/**
 * The instance token: the token that picks a connector instance; connector requests carry it.
 *
 * <p>Validated when made (see {@link Secret}); prints as {@code InstanceToken[REDACTED]}.
 *
 * <pre>{@code
 * InstanceToken secret = InstanceToken.of(System.getenv("OPEN_CONNECTORS_INSTANCE_TOKEN"));
 * }</pre>
 */
public final class InstanceToken extends Secret {

  private InstanceToken(String value) {
    super(CredentialPart.INSTANCE_TOKEN, value);
  }

  /**
   * Makes an instance token from its value.
   *
   * @param value the instance token as the service issued it
   * @return the instance token
   * @throws NullPointerException if value is null
   * @throws IllegalArgumentException if value is empty, longer than {@value Secret#MAX_LENGTH}
   *     characters, or holds a comma, whitespace, a control character or a non-ASCII character
   */
  public static InstanceToken of(String value) {
    return new InstanceToken(value);
  }
}
