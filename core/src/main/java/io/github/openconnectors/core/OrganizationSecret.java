package io.github.openconnectors.core;

/**
 * The organization secret: the secret that identifies an organization; platform requests carry it.
 *
 * <p>Validated when made (see {@link Secret}); prints as {@code OrganizationSecret[REDACTED]}.
 *
 * <pre>{@code
 * OrganizationSecret secret = OrganizationSecret.of(System.getenv("OPEN_CONNECTORS_ORGANIZATION_SECRET"));
 * }</pre>
 */
public final class OrganizationSecret extends Secret {

  private OrganizationSecret(String value) {
    super(CredentialPart.ORGANIZATION, value);
  }

  /**
   * Makes an organization secret from its value.
   *
   * @param value the organization secret as the service issued it
   * @return the organization secret
   * @throws NullPointerException if value is null
   * @throws IllegalArgumentException if value is empty, longer than {@value Secret#MAX_LENGTH}
   *     characters, or holds a comma, whitespace, a control character or a non-ASCII character
   */
  public static OrganizationSecret of(String value) {
    return new OrganizationSecret(value);
  }
}
