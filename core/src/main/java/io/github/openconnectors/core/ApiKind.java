package io.github.openconnectors.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The kind of request, which decides the credential parts its {@code Authorization} header carries.
 *
 * <p>A header carries only the parts its kind needs: the organization secret never travels on a
 * connector request, nor the instance token on a platform request.
 */
public enum ApiKind {
  /**
   * The platform API ({@code /instances}, {@code /organizations}, ...): {@code User} and {@code
   * Organization}, or a {@code Bearer} token alone.
   */
  PLATFORM("a platform request", EnumSet.of(CredentialPart.USER, CredentialPart.ORGANIZATION)),
  /** The connector API ({@code /hubs/{hub}/...}): {@code User} and the instance token. */
  CONNECTOR("a connector request", EnumSet.of(CredentialPart.USER, CredentialPart.INSTANCE_TOKEN)),
  /**
   * The few requests that need all three secrets (such as {@code PUT /instances/enabled}): {@code
   * User}, {@code Organization} and the instance token.
   */
  PLATFORM_AND_CONNECTOR(
      "a platform-and-connector request",
      EnumSet.of(CredentialPart.USER, CredentialPart.ORGANIZATION, CredentialPart.INSTANCE_TOKEN));

  private final String description;

  @SuppressWarnings("ImmutableEnumChecker") // an unmodifiable view of a set no one else holds
  private final Set<CredentialPart> requiredParts;

  ApiKind(String description, EnumSet<CredentialPart> requiredParts) {
    this.description = description;
    this.requiredParts = Collections.unmodifiableSet(requiredParts);
  }

  /**
   * The secret parts a request of this kind carries. A {@link #PLATFORM} request may carry a {@link
   * CredentialPart#BEARER} token instead (see {@link #acceptsBearer()}).
   *
   * @return an unmodifiable set, in header order
   */
  public Set<CredentialPart> requiredParts() {
    return requiredParts;
  }

  /**
   * Whether a {@code Bearer} token alone can authorize a request of this kind.
   *
   * @return true for {@link #PLATFORM} only: the instance token that picks a connector instance has
   *     no bearer form
   */
  public boolean acceptsBearer() {
    return this == PLATFORM;
  }

  /**
   * Whether a header with these parts authorizes a request of this kind.
   *
   * @param parts the parts a header carries
   * @return true if {@code parts} holds every {@link #requiredParts() required part}, or a bearer
   *     token this kind accepts
   */
  public boolean isSatisfiedBy(Set<CredentialPart> parts) {
    return parts.containsAll(requiredParts)
        || (acceptsBearer() && parts.contains(CredentialPart.BEARER));
  }

  /** For messages: "a connector request needs User and Element". */
  String describeNeeds(HeaderStyle style) {
    String needs = Parts.describe(requiredParts, style);
    return description + " needs " + needs + (acceptsBearer() ? ", or Bearer" : "");
  }
}
