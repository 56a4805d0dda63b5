package io.github.openconnectors.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of Open Connectors secrets, and the {@code Authorization} header each kind of
 * request needs from them.
 *
 * <p>{@link #authorizationFor(ApiKind)} gives a header with only the parts that kind needs: the
 * organization secret never travels on a connector request. Each header is composed once, when the
 * credentials are made, so asking for it on every request allocates nothing. For {@link
 * ApiKind#PLATFORM} requests a {@link BearerToken}, when present, is sent in place of the user and
 * organization secrets: a user who configured one chose bearer mode.
 *
 * <pre>{@code
 * Credentials credentials =
 *     Credentials.platform(UserSecret.of(user), OrganizationSecret.of(organization))
 *         .withInstanceToken(InstanceToken.of(token));
 * credentials.authorizationFor(ApiKind.PLATFORM).value();  // "User ..., Organization ..."
 * credentials.authorizationFor(ApiKind.CONNECTOR).value(); // "User ..., Element ..."
 *
 * Credentials pasted = Credentials.parse("User u, Organization o, Token t");
 * Credentials fromEnv = Credentials.fromEnvironment();
 * }</pre>
 */
public final class Credentials {

  /** The environment variable that holds the user secret. */
  public static final String USER_SECRET_VARIABLE = "OPEN_CONNECTORS_USER_SECRET";

  /** The environment variable that holds the organization secret. */
  public static final String ORGANIZATION_SECRET_VARIABLE = "OPEN_CONNECTORS_ORGANIZATION_SECRET";

  /** The environment variable that holds the connector instance token. */
  public static final String INSTANCE_TOKEN_VARIABLE = "OPEN_CONNECTORS_INSTANCE_TOKEN";

  /** The environment variable that holds a bearer token. */
  public static final String BEARER_TOKEN_VARIABLE = "OPEN_CONNECTORS_BEARER_TOKEN";

  private final @Nullable UserSecret user;
  private final @Nullable OrganizationSecret organization;
  private final @Nullable InstanceToken instanceToken;
  private final @Nullable BearerToken bearer;
  private final HeaderStyle style;
  private final Set<CredentialPart> parts;
  // Indexed by ApiKind.ordinal(); null where these credentials cannot authorize that kind.
  private final Map<ApiKind, AuthorizationHeader> headers;

  private Credentials(
      @Nullable UserSecret user,
      @Nullable OrganizationSecret organization,
      @Nullable InstanceToken instanceToken,
      @Nullable BearerToken bearer,
      HeaderStyle style) {
    this.user = user;
    this.organization = organization;
    this.instanceToken = instanceToken;
    this.bearer = bearer;
    this.style = Objects.requireNonNull(style, "style must not be null");
    this.parts = Parts.of(user, organization, instanceToken, bearer);
    this.headers = new EnumMap<>(ApiKind.class);
    for (ApiKind kind : ApiKind.values()) {
      AuthorizationHeader header = compose(kind);
      if (header != null) {
        headers.put(kind, header);
      }
    }
  }

  private @Nullable AuthorizationHeader compose(ApiKind kind) {
    if (kind.acceptsBearer() && bearer != null) {
      return new AuthorizationHeader(null, null, null, bearer, style);
    }
    if (!parts.containsAll(kind.requiredParts())) {
      return null;
    }
    Set<CredentialPart> needed = kind.requiredParts();
    return new AuthorizationHeader(
        user,
        needed.contains(CredentialPart.ORGANIZATION) ? organization : null,
        needed.contains(CredentialPart.INSTANCE_TOKEN) ? instanceToken : null,
        null,
        style);
  }

  static Credentials ofParts(
      @Nullable UserSecret user,
      @Nullable OrganizationSecret organization,
      @Nullable InstanceToken instanceToken,
      @Nullable BearerToken bearer,
      HeaderStyle style) {
    return new Credentials(user, organization, instanceToken, bearer, style);
  }

  /**
   * Credentials for the platform API: the user and organization secrets.
   *
   * @param user the user secret
   * @param organization the organization secret
   * @return the credentials
   * @throws NullPointerException if an argument is null
   */
  public static Credentials platform(UserSecret user, OrganizationSecret organization) {
    return new Credentials(
        required(user, "user secret"),
        required(organization, "organization secret"),
        null,
        null,
        HeaderStyle.ELEMENT);
  }

  /**
   * Credentials for the connector API: the user secret and a connector instance token.
   *
   * @param user the user secret
   * @param instanceToken the instance token
   * @return the credentials
   * @throws NullPointerException if an argument is null
   */
  public static Credentials connector(UserSecret user, InstanceToken instanceToken) {
    return new Credentials(
        required(user, "user secret"),
        null,
        required(instanceToken, "instance token"),
        null,
        HeaderStyle.ELEMENT);
  }

  /**
   * Credentials with all three secrets, for every kind of request.
   *
   * @param user the user secret
   * @param organization the organization secret
   * @param instanceToken the instance token
   * @return the credentials
   * @throws NullPointerException if an argument is null
   */
  public static Credentials of(
      UserSecret user, OrganizationSecret organization, InstanceToken instanceToken) {
    return new Credentials(
        required(user, "user secret"),
        required(organization, "organization secret"),
        required(instanceToken, "instance token"),
        null,
        HeaderStyle.ELEMENT);
  }

  /**
   * Credentials made of a bearer token from a log-in, for the platform API.
   *
   * @param token the bearer token
   * @return the credentials
   * @throws NullPointerException if token is null
   */
  public static Credentials bearer(BearerToken token) {
    return new Credentials(null, null, null, required(token, "bearer token"), HeaderStyle.ELEMENT);
  }

  /**
   * Parses credentials from a header value as users paste it from the documentation, such as {@code
   * User u, Organization o, Element t}. A leading {@code Authorization:} header name is ignored;
   * the grammar is that of {@link AuthorizationHeader#parse(String)}, and a {@code Token} keyword
   * gives credentials in the {@link HeaderStyle#TOKEN} style.
   *
   * @param header the header value
   * @return the credentials it carries
   * @throws NullPointerException if header is null
   * @throws IllegalArgumentException if the value is malformed; the message never holds a secret
   */
  public static Credentials parse(String header) {
    Objects.requireNonNull(header, "Authorization header must not be null");
    String value = header.strip();
    String name = "authorization:";
    if (value.regionMatches(true, 0, name, 0, name.length())) {
      value = value.substring(name.length());
    }
    return AuthorizationHeader.parse(value).credentials();
  }

  /**
   * Reads credentials from the process environment: {@value #USER_SECRET_VARIABLE}, {@value
   * #ORGANIZATION_SECRET_VARIABLE}, {@value #INSTANCE_TOKEN_VARIABLE} and {@value
   * #BEARER_TOKEN_VARIABLE}.
   *
   * @return the credentials the variables hold
   * @throws IllegalStateException if none of the variables is set
   * @throws IllegalArgumentException if a variable holds an invalid secret; the message names the
   *     variable and the reason, never the value
   * @see #fromEnvironment(Function)
   */
  public static Credentials fromEnvironment() {
    return fromEnvironment(System::getenv);
  }

  /**
   * Reads credentials through a variable lookup, such as {@code System::getenv} or a map's {@code
   * get}. A variable that is unset or empty counts as absent; a value is taken as it is, not
   * trimmed.
   *
   * @param lookup gives a variable's value, or null when it is unset
   * @return the credentials the variables hold
   * @throws NullPointerException if lookup is null
   * @throws IllegalStateException if none of the variables is set
   * @throws IllegalArgumentException if a variable holds an invalid secret; the message names the
   *     variable and the reason, never the value
   */
  public static Credentials fromEnvironment(Function<String, @Nullable String> lookup) {
    Objects.requireNonNull(lookup, "lookup must not be null");
    UserSecret user = variable(lookup, USER_SECRET_VARIABLE, UserSecret::of);
    OrganizationSecret organization =
        variable(lookup, ORGANIZATION_SECRET_VARIABLE, OrganizationSecret::of);
    InstanceToken instanceToken = variable(lookup, INSTANCE_TOKEN_VARIABLE, InstanceToken::of);
    BearerToken bearer = variable(lookup, BEARER_TOKEN_VARIABLE, BearerToken::of);
    if (user == null && organization == null && instanceToken == null && bearer == null) {
      throw new IllegalStateException(
          "no Open Connectors credentials in the environment: set "
              + USER_SECRET_VARIABLE
              + " with "
              + ORGANIZATION_SECRET_VARIABLE
              + " and/or "
              + INSTANCE_TOKEN_VARIABLE
              + ", or "
              + BEARER_TOKEN_VARIABLE);
    }
    return new Credentials(user, organization, instanceToken, bearer, HeaderStyle.ELEMENT);
  }

  private static <S extends Secret> @Nullable S variable(
      Function<String, @Nullable String> lookup, String name, Function<String, S> factory) {
    String value = lookup.apply(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return factory.apply(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static <T> T required(T value, String name) {
    return Objects.requireNonNull(value, () -> name + " must not be null");
  }

  /**
   * The header value a request of the given kind carries: only the parts that kind needs. It was
   * composed when these credentials were made; this call allocates nothing.
   *
   * @param kind the kind of request
   * @return the header
   * @throws NullPointerException if kind is null
   * @throws MissingCredentialException if these credentials lack a part the kind needs
   */
  public AuthorizationHeader authorizationFor(ApiKind kind) {
    AuthorizationHeader header = headers.get(Objects.requireNonNull(kind, "kind must not be null"));
    if (header == null) {
      throw new MissingCredentialException(kind, parts, style);
    }
    return header;
  }

  /**
   * Whether these credentials can authorize a request of the given kind.
   *
   * @param kind the kind of request
   * @return true if {@link #authorizationFor(ApiKind)} returns a header for it
   */
  public boolean canAuthorize(ApiKind kind) {
    return headers.containsKey(Objects.requireNonNull(kind, "kind must not be null"));
  }

  /**
   * The parts these credentials hold.
   *
   * @return an unmodifiable set
   */
  public Set<CredentialPart> parts() {
    return parts;
  }

  /**
   * The user secret.
   *
   * @return the user secret, if present
   */
  public Optional<UserSecret> userSecret() {
    return Optional.ofNullable(user);
  }

  /**
   * The organization secret.
   *
   * @return the organization secret, if present
   */
  public Optional<OrganizationSecret> organizationSecret() {
    return Optional.ofNullable(organization);
  }

  /**
   * The connector instance token.
   *
   * @return the instance token, if present
   */
  public Optional<InstanceToken> instanceToken() {
    return Optional.ofNullable(instanceToken);
  }

  /**
   * The bearer token.
   *
   * @return the bearer token, if present
   */
  public Optional<BearerToken> bearerToken() {
    return Optional.ofNullable(bearer);
  }

  /**
   * How composed headers spell the instance token.
   *
   * @return the header style, {@link HeaderStyle#ELEMENT} unless set otherwise
   */
  public HeaderStyle headerStyle() {
    return style;
  }

  /**
   * A copy with the given user secret.
   *
   * @param user the user secret
   * @return new credentials; this object is unchanged
   * @throws NullPointerException if user is null
   */
  public Credentials withUserSecret(UserSecret user) {
    return new Credentials(
        required(user, "user secret"), organization, instanceToken, bearer, style);
  }

  /**
   * A copy with the given organization secret.
   *
   * @param organization the organization secret
   * @return new credentials; this object is unchanged
   * @throws NullPointerException if organization is null
   */
  public Credentials withOrganizationSecret(OrganizationSecret organization) {
    return new Credentials(
        user, required(organization, "organization secret"), instanceToken, bearer, style);
  }

  /**
   * A copy with the given instance token, as when a connector instance was re-provisioned.
   *
   * @param instanceToken the instance token
   * @return new credentials; this object is unchanged
   * @throws NullPointerException if instanceToken is null
   */
  public Credentials withInstanceToken(InstanceToken instanceToken) {
    return new Credentials(
        user, organization, required(instanceToken, "instance token"), bearer, style);
  }

  /**
   * A copy with the given bearer token, which platform requests then carry alone.
   *
   * @param bearer the bearer token
   * @return new credentials; this object is unchanged
   * @throws NullPointerException if bearer is null
   */
  public Credentials withBearerToken(BearerToken bearer) {
    return new Credentials(
        user, organization, instanceToken, required(bearer, "bearer token"), style);
  }

  /**
   * A copy whose headers spell the instance token as the given style says.
   *
   * @param style {@link HeaderStyle#ELEMENT} or {@link HeaderStyle#TOKEN}
   * @return new credentials; this object is unchanged
   * @throws NullPointerException if style is null
   */
  public Credentials withHeaderStyle(HeaderStyle style) {
    return new Credentials(user, organization, instanceToken, bearer, style);
  }

  /**
   * Credentials are equal when they hold equal secrets and so compose the same headers: the style
   * counts only when there is an instance token to spell. Secrets compare in constant time.
   *
   * @param other the object to compare with
   * @return true if equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Credentials that
        && effectiveStyle() == that.effectiveStyle()
        && Objects.equals(user, that.user)
        && Objects.equals(organization, that.organization)
        && Objects.equals(instanceToken, that.instanceToken)
        && Objects.equals(bearer, that.bearer);
  }

  /**
   * A hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(user, organization, instanceToken, bearer, effectiveStyle());
  }

  /** The style only spells the instance token: without one, both styles give the same headers. */
  private HeaderStyle effectiveStyle() {
    return instanceToken == null ? HeaderStyle.ELEMENT : style;
  }

  /**
   * Names the parts held, never a secret: for example {@code "Credentials[User, Organization]"}.
   *
   * @return the text
   */
  @Override
  public String toString() {
    return "Credentials" + Parts.keywords(parts, style);
  }
}
