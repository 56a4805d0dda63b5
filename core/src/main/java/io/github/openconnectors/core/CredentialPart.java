package io.github.openconnectors.core;

/**
 * One part of an {@code Authorization} header: the kind of secret it carries.
 *
 * <p>Used to say which parts a request needs and which a set of credentials holds, without ever
 * naming a secret's value.
 */
public enum CredentialPart {
  /** The user secret, sent as {@code User <secret>}. */
  USER("User", "user secret"),
  /** The organization secret, sent as {@code Organization <secret>}. */
  ORGANIZATION("Organization", "organization secret"),
  /**
   * The connector instance token, sent as {@code Element <token>} (or {@code Token <token>}, see
   * {@link HeaderStyle}).
   */
  INSTANCE_TOKEN("Element", "instance token"),
  /** A bearer token from a log-in, sent alone as {@code Bearer <token>}. */
  BEARER("Bearer", "bearer token");

  private final String keyword;
  private final String description;

  CredentialPart(String keyword, String description) {
    this.keyword = keyword;
    this.description = description;
  }

  /**
   * The header keyword of this part in the default {@link HeaderStyle#ELEMENT} style.
   *
   * @return {@code User}, {@code Organization}, {@code Element} or {@code Bearer}
   */
  public String keyword() {
    return keyword;
  }

  /**
   * A lower-case description of the secret, as used in error messages.
   *
   * @return for example {@code "user secret"}
   */
  public String description() {
    return description;
  }
}
