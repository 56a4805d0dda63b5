package io.github.openconnectors.core;

/**
 * How the connector instance token is spelled in a composed {@code Authorization} header.
 *
 * <p>Every public client and the service's own Swagger send {@code Element <token>}; the product's
 * help page shows the same part as {@code Token <token>}. The service accepts both, and so does
 * {@link AuthorizationHeader#parse(String)}.
 */
public enum HeaderStyle {
  /** {@code User u, Organization o, Element t}: the spelling on the wire. The default. */
  ELEMENT("Element"),
  /** {@code User u, Organization o, Token t}: the spelling of the help page. */
  TOKEN("Token");

  private final String instanceTokenKeyword;

  HeaderStyle(String instanceTokenKeyword) {
    this.instanceTokenKeyword = instanceTokenKeyword;
  }

  /**
   * The keyword this style puts before the instance token.
   *
   * @return {@code Element} or {@code Token}
   */
  public String instanceTokenKeyword() {
    return instanceTokenKeyword;
  }
}
