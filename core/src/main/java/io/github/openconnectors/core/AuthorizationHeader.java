package io.github.openconnectors.core;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The value of an {@code Authorization} header for SAP Open Connectors, composed or parsed.
 *
 * <p>A header is either a {@code Bearer <token>} alone, or comma-separated {@code Keyword secret}
 * parts: {@code User}, {@code Organization} and the instance token ({@code Element}, or {@code
 * Token} in the {@link HeaderStyle#TOKEN} style). Composed values put the parts in this canonical
 * order, separated by {@code ", "}: {@code User u, Organization o, Element t}.
 *
 * <p>{@link #value()} is the text to send; {@link #redacted()} and {@link #toString()} give the
 * same shape with every secret replaced by {@value #REDACTED}.
 *
 * <pre>{@code
 * AuthorizationHeader header = credentials.authorizationFor(ApiKind.CONNECTOR);
 * request.header("Authorization", header.value());
 * log.debug("Authorization: {}", header); // User [REDACTED], Element [REDACTED]
 *
 * AuthorizationHeader received = AuthorizationHeader.parse("Element t, User u");
 * received.isSatisfiedBy(ApiKind.CONNECTOR); // true
 * }</pre>
 */
public final class AuthorizationHeader {

  /** What stands in place of each secret in {@link #redacted()}. */
  public static final String REDACTED = "[REDACTED]";

  private static final String KEYWORDS = "User, Organization, Element, Token or Bearer";

  private final @Nullable UserSecret user;
  private final @Nullable OrganizationSecret organization;
  private final @Nullable InstanceToken instanceToken;
  private final @Nullable BearerToken bearer;
  private final HeaderStyle style;
  private final Set<CredentialPart> parts;
  private final String value;
  private final String redacted;

  AuthorizationHeader(
      @Nullable UserSecret user,
      @Nullable OrganizationSecret organization,
      @Nullable InstanceToken instanceToken,
      @Nullable BearerToken bearer,
      HeaderStyle style) {
    this.user = user;
    this.organization = organization;
    this.instanceToken = instanceToken;
    this.bearer = bearer;
    // The style only spells the instance token: without one, headers of either style are the same.
    this.style = instanceToken == null ? HeaderStyle.ELEMENT : style;
    this.parts = Parts.of(user, organization, instanceToken, bearer);
    this.value = compose(false);
    this.redacted = compose(true);
  }

  private String compose(boolean redact) {
    StringBuilder header = new StringBuilder(redact ? 64 : 256);
    append(header, bearer, redact);
    append(header, user, redact);
    append(header, organization, redact);
    append(header, instanceToken, redact);
    return header.toString();
  }

  private void append(StringBuilder header, @Nullable Secret secret, boolean redact) {
    if (secret != null) {
      if (header.length() > 0) {
        header.append(", ");
      }
      header
          .append(Parts.keyword(secret.part(), style))
          .append(' ')
          .append(redact ? REDACTED : secret.reveal());
    }
  }

  /**
   * Parses an {@code Authorization} header value as the service accepts it.
   *
   * <p>Parts may come in any order, separated by commas with optional spaces or tabs around them;
   * one or more spaces or tabs separate a keyword from its secret. Keywords are matched ignoring
   * case, as HTTP authentication schemes are. The instance token may be spelled {@code Element} or
   * {@code Token}; the spelling is kept as the {@link #style()}. A {@code Bearer} token must stand
   * alone.
   *
   * @param header the header value, without the {@code Authorization:} name
   * @return the parsed header; its {@link #value()} is in canonical order
   * @throws NullPointerException if header is null
   * @throws IllegalArgumentException if the value is empty, holds a line break, control or
   *     non-ASCII character, has an empty part, a part without a keyword or without a secret, an
   *     unknown keyword, a part given twice, or a {@code Bearer} token beside other parts; the
   *     message names the part by position and keyword, never its secret
   */
  public static AuthorizationHeader parse(String header) {
    Objects.requireNonNull(header, "Authorization header must not be null");
    String trimmed = stripSpacesAndTabs(header);
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("Authorization header is empty");
    }
    rejectUnsafeCharacters(trimmed);
    UserSecret user = null;
    OrganizationSecret organization = null;
    InstanceToken instanceToken = null;
    BearerToken bearer = null;
    HeaderStyle style = HeaderStyle.ELEMENT;
    Set<CredentialPart> seen = EnumSet.noneOf(CredentialPart.class);
    String[] parts = trimmed.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String position = "Authorization header part " + (i + 1);
      String part = parts[i].strip();
      if (part.isEmpty()) {
        throw new IllegalArgumentException(position + " is empty");
      }
      int gap = indexOfWhitespace(part);
      String keyword = gap < 0 ? part : part.substring(0, gap);
      CredentialPart kind = partOf(keyword);
      if (kind == null) {
        // Never echo the text: a pasted secret without its keyword would land in the message.
        throw new IllegalArgumentException(
            position
                + (gap < 0 ? " has no keyword" : " starts with an unknown keyword")
                + "; expected 'Keyword secret' with a keyword of "
                + KEYWORDS);
      }
      boolean tokenKeyword = keyword.equalsIgnoreCase("Token");
      String named = position + " (" + (tokenKeyword ? "Token" : kind.keyword()) + ")";
      if (gap < 0) {
        throw new IllegalArgumentException(named + " has no " + kind.description());
      }
      if (!seen.add(kind)) {
        throw new IllegalArgumentException(
            "Authorization header has more than one "
                + (kind == CredentialPart.INSTANCE_TOKEN
                    ? "instance token part (Element or Token)"
                    : kind.keyword() + " part"));
      }
      String secret = part.substring(gap).strip();
      try {
        switch (kind) {
          case USER -> user = UserSecret.of(secret);
          case ORGANIZATION -> organization = OrganizationSecret.of(secret);
          case INSTANCE_TOKEN -> {
            instanceToken = InstanceToken.of(secret);
            style = tokenKeyword ? HeaderStyle.TOKEN : HeaderStyle.ELEMENT;
          }
          case BEARER -> bearer = BearerToken.of(secret);
        }
      } catch (IllegalArgumentException e) {
        // The secret's own message names the reason and never the value.
        throw new IllegalArgumentException(named + ": " + e.getMessage(), e);
      }
    }
    if (bearer != null && parts.length > 1) {
      throw new IllegalArgumentException(
          "Authorization header has a Bearer token beside other parts; a Bearer token stands alone");
    }
    return new AuthorizationHeader(user, organization, instanceToken, bearer, style);
  }

  /**
   * Strips HTTP's optional whitespace only: a line break around the value is refused, not eaten.
   */
  private static String stripSpacesAndTabs(String header) {
    int start = 0;
    int end = header.length();
    while (start < end && isSpaceOrTab(header.charAt(start))) {
      start++;
    }
    while (end > start && isSpaceOrTab(header.charAt(end - 1))) {
      end--;
    }
    return header.substring(start, end);
  }

  private static boolean isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
  }

  private static void rejectUnsafeCharacters(String header) {
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (!isSpaceOrTab(c) && c != ',') {
        String reason = Secret.refusalReason(c);
        if (reason != null) {
          throw new IllegalArgumentException("Authorization header " + reason);
        }
      }
    }
  }

  private static int indexOfWhitespace(String part) {
    for (int i = 0; i < part.length(); i++) {
      if (isSpaceOrTab(part.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static @Nullable CredentialPart partOf(String keyword) {
    return switch (keyword.toLowerCase(Locale.ROOT)) {
      case "user" -> CredentialPart.USER;
      case "organization" -> CredentialPart.ORGANIZATION;
      case "element", "token" -> CredentialPart.INSTANCE_TOKEN;
      case "bearer" -> CredentialPart.BEARER;
      default -> null;
    };
  }

  /**
   * The header value to send: every secret in clear. Do not log it.
   *
   * @return the value, composed once
   */
  public String value() {
    return value;
  }

  /**
   * The header value with every secret replaced by {@value #REDACTED}: safe to log.
   *
   * @return for example {@code "User [REDACTED], Organization [REDACTED]"}
   */
  public String redacted() {
    return redacted;
  }

  /**
   * The parts this header carries.
   *
   * @return an unmodifiable set
   */
  public Set<CredentialPart> parts() {
    return parts;
  }

  /**
   * How the instance token is spelled: as parsed, or as the credentials that composed it say.
   *
   * @return the header style; {@link HeaderStyle#ELEMENT} when the header has no instance token
   */
  public HeaderStyle style() {
    return style;
  }

  /**
   * Whether this header authorizes a request of the given kind.
   *
   * @param kind the request kind
   * @return true if this header carries every part the kind needs
   * @see ApiKind#isSatisfiedBy(Set)
   */
  public boolean isSatisfiedBy(ApiKind kind) {
    return kind.isSatisfiedBy(parts());
  }

  /**
   * The credentials this header carries, in this header's style.
   *
   * @return the credentials
   */
  public Credentials credentials() {
    return Credentials.ofParts(user, organization, instanceToken, bearer, style);
  }

  /**
   * Two headers are equal when they carry equal secrets in the same style; secrets compare in
   * constant time.
   *
   * @param other the object to compare with
   * @return true if equal
   */
  @Override
  public boolean equals(@Nullable Object other) {
    // The secrets compare as Credentials compare them, written once there.
    return other instanceof AuthorizationHeader that
        && style == that.style
        && credentials().equals(that.credentials());
  }

  /**
   * A hash code consistent with {@link #equals(Object)}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return 31 * credentials().hashCode() + style.hashCode();
  }

  /**
   * The {@link #redacted()} form.
   *
   * @return the header value with every secret replaced by {@value #REDACTED}
   */
  @Override
  public String toString() {
    return redacted;
  }
}
