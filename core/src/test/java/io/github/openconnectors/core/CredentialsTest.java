package io.github.openconnectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  static final UserSecret USER = UserSecret.of("u1+/=");
  static final OrganizationSecret ORGANIZATION = OrganizationSecret.of("o2");
  static final InstanceToken TOKEN = InstanceToken.of("t3");
  static final BearerToken BEARER = BearerToken.of("b4.jwt");

  @Test
  void eachKindCarriesOnlyThePartsItNeeds() {
    Credentials all = Credentials.of(USER, ORGANIZATION, TOKEN);

    assertThat(all.authorizationFor(ApiKind.PLATFORM).value())
        .isEqualTo("User u1+/=, Organization o2");
    assertThat(all.authorizationFor(ApiKind.CONNECTOR).value()).isEqualTo("User u1+/=, Element t3");
    assertThat(all.authorizationFor(ApiKind.PLATFORM_AND_CONNECTOR).value())
        .isEqualTo("User u1+/=, Organization o2, Element t3");
  }

  @Test
  void bearerTokenAuthorizesPlatformRequestsAlone() {
    Credentials both = Credentials.of(USER, ORGANIZATION, TOKEN).withBearerToken(BEARER);

    assertThat(Credentials.bearer(BEARER).authorizationFor(ApiKind.PLATFORM).value())
        .isEqualTo("Bearer b4.jwt");
    assertThat(both.authorizationFor(ApiKind.PLATFORM).value()).isEqualTo("Bearer b4.jwt");
    assertThat(both.authorizationFor(ApiKind.CONNECTOR).value())
        .isEqualTo("User u1+/=, Element t3");
  }

  @Test
  void missingPartsNameWhatTheKindNeedsAndWhatWasConfigured() {
    assertThatThrownBy(
            () -> Credentials.platform(USER, ORGANIZATION).authorizationFor(ApiKind.CONNECTOR))
        .isInstanceOfSatisfying(
            MissingCredentialException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ApiKind.CONNECTOR);
              assertThat(e.configuredParts())
                  .containsExactly(CredentialPart.USER, CredentialPart.ORGANIZATION);
              assertThat(e.missingParts()).containsExactly(CredentialPart.INSTANCE_TOKEN);
            })
        .hasMessage(
            "a connector request needs User and Element, but the credentials hold User and Organization");
    assertThatThrownBy(() -> Credentials.connector(USER, TOKEN).authorizationFor(ApiKind.PLATFORM))
        .isInstanceOf(MissingCredentialException.class)
        .hasMessage(
            "a platform request needs User and Organization, or Bearer,"
                + " but the credentials hold User and Element");
    assertThatThrownBy(
            () ->
                Credentials.bearer(BEARER)
                    .withHeaderStyle(HeaderStyle.TOKEN)
                    .authorizationFor(ApiKind.PLATFORM_AND_CONNECTOR))
        .isInstanceOf(MissingCredentialException.class)
        .hasMessage(
            "a platform-and-connector request needs User, Organization and Token,"
                + " but the credentials hold Bearer");
  }

  @Test
  void canAuthorizeAgreesWithAuthorizationFor() {
    Credentials connector = Credentials.connector(USER, TOKEN);

    assertThat(connector.canAuthorize(ApiKind.CONNECTOR)).isTrue();
    assertThat(connector.canAuthorize(ApiKind.PLATFORM)).isFalse();
    assertThat(connector.canAuthorize(ApiKind.PLATFORM_AND_CONNECTOR)).isFalse();
    assertThat(
            connector
                .withOrganizationSecret(ORGANIZATION)
                .canAuthorize(ApiKind.PLATFORM_AND_CONNECTOR))
        .isTrue();
  }

  @Test
  void withersReturnCopiesAndLeaveTheOriginalAlone() {
    Credentials platform = Credentials.platform(USER, ORGANIZATION);
    InstanceToken reissued = InstanceToken.of("t4");

    Credentials connector = platform.withInstanceToken(TOKEN);
    Credentials rotated = connector.withInstanceToken(reissued).withUserSecret(UserSecret.of("u9"));

    assertThat(platform.instanceToken()).isEmpty();
    assertThat(connector.instanceToken()).contains(TOKEN);
    assertThat(rotated.authorizationFor(ApiKind.CONNECTOR).value())
        .isEqualTo("User u9, Element t4");
    assertThat(connector.authorizationFor(ApiKind.CONNECTOR).value())
        .isEqualTo("User u1+/=, Element t3");
    assertThat(
            connector
                .withHeaderStyle(HeaderStyle.TOKEN)
                .authorizationFor(ApiKind.CONNECTOR)
                .value())
        .isEqualTo("User u1+/=, Token t3");
  }

  @Test
  void factoriesAndWithersRejectNullNamingTheParameter() {
    assertThatNullPointerException()
        .isThrownBy(() -> Credentials.platform(null, ORGANIZATION))
        .withMessage("user secret must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> Credentials.connector(USER, null))
        .withMessage("instance token must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> Credentials.bearer(null))
        .withMessage("bearer token must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> Credentials.bearer(BEARER).withOrganizationSecret(null))
        .withMessage("organization secret must not be null");
    assertThatNullPointerException()
        .isThrownBy(() -> Credentials.bearer(BEARER).withHeaderStyle(null))
        .withMessage("style must not be null");
  }

  @Test
  void parseAcceptsAHeaderAsPastedFromTheDocs() {
    Credentials expected = Credentials.platform(USER, ORGANIZATION);

    assertThat(Credentials.parse("Organization o2, User u1+/=")).isEqualTo(expected);
    assertThat(Credentials.parse("Authorization: User u1+/=, Organization o2\n"))
        .isEqualTo(expected);
    assertThat(Credentials.parse("  authorization:User u1+/=, Organization o2"))
        .isEqualTo(expected);
    assertThat(Credentials.parse("User u1+/=, Token t3").headerStyle())
        .isEqualTo(HeaderStyle.TOKEN);
  }

  @Test
  void readsEveryVariableFromTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("OPEN_CONNECTORS_USER_SECRET", "u1+/=");
    env.put("OPEN_CONNECTORS_ORGANIZATION_SECRET", "o2");
    env.put("OPEN_CONNECTORS_INSTANCE_TOKEN", "t3");
    env.put("OPEN_CONNECTORS_BEARER_TOKEN", "b4.jwt");

    assertThat(Credentials.fromEnvironment(env::get))
        .isEqualTo(Credentials.of(USER, ORGANIZATION, TOKEN).withBearerToken(BEARER));
  }

  @Test
  void takesUnsetAndEmptyVariablesAsAbsent() {
    Map<String, String> env = new HashMap<>();
    env.put("OPEN_CONNECTORS_USER_SECRET", "u1+/=");
    env.put("OPEN_CONNECTORS_INSTANCE_TOKEN", "t3");
    env.put("OPEN_CONNECTORS_BEARER_TOKEN", "");

    assertThat(Credentials.fromEnvironment(env::get)).isEqualTo(Credentials.connector(USER, TOKEN));
  }

  @Test
  void saysWhichVariablesToSetWhenNoneIs() {
    assertThatIllegalStateException()
        .isThrownBy(
            () -> Credentials.fromEnvironment(Map.of("OPEN_CONNECTORS_USER_SECRET", "")::get))
        .withMessage(
            "no Open Connectors credentials in the environment: set OPEN_CONNECTORS_USER_SECRET"
                + " with OPEN_CONNECTORS_ORGANIZATION_SECRET and/or OPEN_CONNECTORS_INSTANCE_TOKEN,"
                + " or OPEN_CONNECTORS_BEARER_TOKEN");
  }

  @Test
  void namesTheVariableThatHoldsAnInvalidSecretButNotItsValue() {
    Map<String, String> env =
        Map.of(
            "OPEN_CONNECTORS_USER_SECRET",
            "u1",
            "OPEN_CONNECTORS_ORGANIZATION_SECRET",
            "o-secret-value\n");

    assertThatIllegalArgumentException()
        .isThrownBy(() -> Credentials.fromEnvironment(env::get))
        .withMessage(
            "OPEN_CONNECTORS_ORGANIZATION_SECRET: organization secret contains a line break (CR or LF),"
                + " which could inject a header; if it was read from a file, strip the trailing newline")
        .withMessageNotContaining("o-secret-value");
  }

  @Test
  void printsOnlyWhichPartsItHolds() {
    assertThat(Credentials.of(USER, ORGANIZATION, TOKEN))
        .hasToString("Credentials[User, Organization, Element]");
    assertThat(Credentials.connector(USER, TOKEN).withHeaderStyle(HeaderStyle.TOKEN))
        .hasToString("Credentials[User, Token]");
    assertThat(Credentials.bearer(BEARER)).hasToString("Credentials[Bearer]");
  }

  @Test
  void equalityCoversEverySecretAndTheStyle() {
    Credentials credentials = Credentials.of(USER, ORGANIZATION, TOKEN);

    assertThat(credentials)
        .isEqualTo(Credentials.platform(USER, ORGANIZATION).withInstanceToken(TOKEN))
        .hasSameHashCodeAs(Credentials.platform(USER, ORGANIZATION).withInstanceToken(TOKEN))
        .isNotEqualTo(Credentials.platform(USER, ORGANIZATION))
        .isNotEqualTo(credentials.withInstanceToken(InstanceToken.of("other")))
        .isNotEqualTo(credentials.withHeaderStyle(HeaderStyle.TOKEN))
        .isNotEqualTo(credentials.withBearerToken(BEARER));
  }

  @Test
  void styleCountsOnlyWhenThereIsAnInstanceTokenToSpell() {
    Credentials platform = Credentials.platform(USER, ORGANIZATION);

    assertThat(platform.withHeaderStyle(HeaderStyle.TOKEN))
        .isEqualTo(platform)
        .hasSameHashCodeAs(platform);
    assertThat(
            platform
                .withHeaderStyle(HeaderStyle.TOKEN)
                .withInstanceToken(TOKEN)
                .authorizationFor(ApiKind.CONNECTOR)
                .value())
        .isEqualTo("User u1+/=, Token t3");
  }

  @Test
  void composesEachHeaderOnceAndHandsTheSameOneOut() {
    Credentials credentials = Credentials.of(USER, ORGANIZATION, TOKEN);

    for (ApiKind kind : ApiKind.values()) {
      assertThat(credentials.authorizationFor(kind)).isSameAs(credentials.authorizationFor(kind));
      assertThat(credentials.authorizationFor(kind).value())
          .isSameAs(credentials.authorizationFor(kind).value());
    }
  }

  @Test
  void theHotPathAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Credentials credentials = Credentials.of(USER, ORGANIZATION, TOKEN);
    ApiKind[] kinds = ApiKind.values();
    int calls = 1_000_000;
    long sink = 0;
    threads.getCurrentThreadAllocatedBytes(); // the first call may set up the counter

    long before = threads.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < calls; i++) {
      sink += credentials.authorizationFor(kinds[i % kinds.length]).value().length();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(sink).isPositive();
    // One allocation per call would be at least 16 bytes each: 16 MB. Allow only noise.
    assertThat(allocated).as("bytes allocated by %d calls", calls).isLessThan(4_096);
  }
}
