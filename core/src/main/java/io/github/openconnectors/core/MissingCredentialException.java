package io.github.openconnectors.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Thrown when credentials lack a part that a kind of request needs.
 *
 * <p>The message names what the request kind needs and what the credentials hold, by keyword only:
 * for example {@code "a connector request needs User and Element, but the credentials hold User and
 * Organization"}.
 */
public final class MissingCredentialException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** The kind of request that could not be authorized. */
  private final ApiKind kind;

  /** The parts the credentials hold. */
  private final EnumSet<CredentialPart> configuredParts;

  MissingCredentialException(ApiKind kind, Set<CredentialPart> configuredParts, HeaderStyle style) {
    super(
        kind.describeNeeds(style)
            + ", but the credentials hold "
            + Parts.describe(configuredParts, style));
    this.kind = kind;
    this.configuredParts =
        configuredParts.isEmpty()
            ? EnumSet.noneOf(CredentialPart.class)
            : EnumSet.copyOf(configuredParts);
  }

  /**
   * The kind of request that could not be authorized.
   *
   * @return the request kind
   */
  public ApiKind kind() {
    return kind;
  }

  /**
   * The parts the credentials hold.
   *
   * @return an unmodifiable set
   */
  public Set<CredentialPart> configuredParts() {
    return Collections.unmodifiableSet(configuredParts);
  }

  /**
   * The parts the request kind needs that the credentials lack.
   *
   * @return an unmodifiable set
   */
  public Set<CredentialPart> missingParts() {
    EnumSet<CredentialPart> missing = EnumSet.noneOf(CredentialPart.class);
    missing.addAll(kind.requiredParts());
    missing.removeAll(configuredParts);
    return Collections.unmodifiableSet(missing);
  }
}
