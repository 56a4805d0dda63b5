package io.github.openconnectors.emulator;

import io.github.openconnectors.core.AuthorizationHeader;
import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The emulated organization's secrets, log-in accounts and bearer tokens. Thread-safe. */
final class Tenant {

  private final Map<String, String> accounts;
  private final Duration bearerLifetime;
  private final Clock clock;
  private final SplittableRandom random;
  private final SecretKeySpec jwtKey;
  private final Map<BearerToken, Instant> bearerTokens = new ConcurrentHashMap<>();
  private volatile UserSecret user;
  private volatile OrganizationSecret organization;
  private long issued;

  /** Secrets not given are generated from the seed. */
  Tenant(
      @Nullable UserSecret user,
      @Nullable OrganizationSecret organization,
      Map<String, String> accounts,
      Duration bearerLifetime,
      Clock clock,
      long seed) {
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.user = user != null ? user : UserSecret.of(newSecret());
    this.organization = organization != null ? organization : OrganizationSecret.of(newSecret());
    this.accounts = Map.copyOf(accounts);
    this.bearerLifetime = bearerLifetime;
    this.clock = clock;
    this.jwtKey = new SecretKeySpec(secretBytes(32), "HmacSHA256");
  }

  UserSecret user() {
    return user;
  }

  OrganizationSecret organization() {
    return organization;
  }

  Credentials platformCredentials() {
    return Credentials.platform(user, organization);
  }

  /** User and Organization both right (compared in constant time), or a live bearer token. */
  @SuppressWarnings("ShortCircuitBoolean") // both comparisons run, so timing tells nothing
  boolean authorizesPlatform(AuthorizationHeader header) {
    Credentials sent = header.credentials();
    BearerToken bearer = sent.bearerToken().orElse(null);
    if (bearer != null) {
      return isLive(bearer);
    }
    // Both comparisons always run: no early exit tells which secret was wrong.
    boolean userRight = user.equals(sent.userSecret().orElse(null));
    boolean organizationRight = organization.equals(sent.organizationSecret().orElse(null));
    return userRight & organizationRight;
  }

  boolean isUser(@Nullable UserSecret sent) {
    return user.equals(sent);
  }

  boolean isLive(BearerToken token) {
    Instant expiry = bearerTokens.get(token);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  /** A new user secret; the old one is refused from now on. */
  synchronized UserSecret rotateUser() {
    user = UserSecret.of(newSecret());
    return user;
  }

  /** A JWT for a known account, or null when the username or password is wrong. */
  @Nullable BearerToken logIn(String username, String password) {
    String expected = accounts.get(username);
    // Compare in constant time even when the account is unknown.
    boolean known = expected != null;
    boolean right =
        java.security.MessageDigest.isEqual(
            (expected == null ? "" : expected).getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.UTF_8));
    if (!(known && right)) {
      return null;
    }
    Instant now = clock.instant();
    Instant expiry = now.plus(bearerLifetime);
    long id;
    synchronized (this) {
      id = ++issued;
    }
    String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload =
        base64Url(
            "{\"sub\":\""
                + username.replace("\"", "")
                + "\",\"iat\":"
                + now.getEpochSecond()
                + ",\"exp\":"
                + expiry.getEpochSecond()
                + ",\"jti\":\""
                + id
                + "\"}");
    BearerToken token = BearerToken.of(header + "." + payload + "." + sign(header + "." + payload));
    bearerTokens.put(token, expiry);
    return token;
  }

  /** Every bearer token issued so far stops working. */
  void expireBearerTokens() {
    bearerTokens.clear();
  }

  /** A fresh secret value: 44 characters of standard base64, as the service's look. */
  synchronized String newSecret() {
    return Base64.getEncoder().encodeToString(secretBytes(32));
  }

  /** Random bytes of the seed's stream: keys of this run. */
  synchronized byte[] secretBytes(int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) random.nextInt();
    }
    return bytes;
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(jwtKey);
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Objects.requireNonNull(json).getBytes(StandardCharsets.UTF_8));
  }
}
