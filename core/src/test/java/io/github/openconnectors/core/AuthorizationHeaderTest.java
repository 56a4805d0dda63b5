package io.github.openconnectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizationHeaderTest {

  // The help page's own example, byte for byte.
  static final String HELP_PAGE_HEADER =
      "User sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii,"
          + " Organization 58168435e3b9959a929eb04b6218b9a2,"
          + " Token yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3";
  static final UserSecret USER = UserSecret.of("sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii");
  static final OrganizationSecret ORGANIZATION =
      OrganizationSecret.of("58168435e3b9959a929eb04b6218b9a2");
  static final InstanceToken TOKEN =
      InstanceToken.of("yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3");

  @Test
  void composesTheHelpPageExampleInTheTokenStyle() {
    Credentials credentials =
        Credentials.of(USER, ORGANIZATION, TOKEN).withHeaderStyle(HeaderStyle.TOKEN);

    assertThat(credentials.authorizationFor(ApiKind.PLATFORM_AND_CONNECTOR).value())
        .isEqualTo(HELP_PAGE_HEADER);
  }

  @Test
  void parsesTheHelpPageExampleIntoItsThreeSecrets() {
    AuthorizationHeader header = AuthorizationHeader.parse(HELP_PAGE_HEADER);
    Credentials credentials = header.credentials();

    assertThat(credentials.userSecret()).contains(USER);
    assertThat(credentials.organizationSecret()).contains(ORGANIZATION);
    assertThat(credentials.instanceToken()).contains(TOKEN);
    assertThat(credentials.bearerToken()).isEmpty();
    assertThat(header.style()).isEqualTo(HeaderStyle.TOKEN);
    assertThat(header.value()).isEqualTo(HELP_PAGE_HEADER);
  }

  @Test
  void composesElementByDefaultInCanonicalOrder() {
    assertThat(
            Credentials.of(USER, ORGANIZATION, TOKEN)
                .authorizationFor(ApiKind.PLATFORM_AND_CONNECTOR)
                .value())
        .isEqualTo(
            "User sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii,"
                + " Organization 58168435e3b9959a929eb04b6218b9a2,"
                + " Element yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3");
  }

  @ParameterizedTest(name = "spelling {index}")
  @ValueSource(
      strings = {
        "User u1, Organization o1, Element t1",
        "Organization o1, User u1, Element t1",
        "Element t1, User u1, Organization o1",
        "Element t1, Organization o1, User u1",
        "Organization o1,User u1,Element t1",
        "  User\tu1 ,  Organization   o1,Element t1\t",
        "user u1, ORGANIZATION o1, element t1",
      })
  void acceptsAnyOrderSpacingAndKeywordCase(String header) {
    AuthorizationHeader parsed = AuthorizationHeader.parse(header);

    assertThat(parsed.value()).isEqualTo("User u1, Organization o1, Element t1");
    assertThat(parsed.parts())
        .containsExactly(
            CredentialPart.USER, CredentialPart.ORGANIZATION, CredentialPart.INSTANCE_TOKEN);
  }

  @Test
  void parsesBearerAlone() {
    AuthorizationHeader parsed = AuthorizationHeader.parse("Bearer eyJhbGciOi.eyJzdWIi.sig_-");

    assertThat(parsed.parts()).containsExactly(CredentialPart.BEARER);
    assertThat(parsed.credentials().bearerToken())
        .contains(BearerToken.of("eyJhbGciOi.eyJzdWIi.sig_-"));
    assertThat(parsed.isSatisfiedBy(ApiKind.PLATFORM)).isTrue();
    assertThat(parsed.isSatisfiedBy(ApiKind.CONNECTOR)).isFalse();
  }

  @Test
  void saysWhichKindsOfRequestItSatisfies() {
    AuthorizationHeader connector = AuthorizationHeader.parse("Element t, User u");

    assertThat(connector.isSatisfiedBy(ApiKind.CONNECTOR)).isTrue();
    assertThat(connector.isSatisfiedBy(ApiKind.PLATFORM)).isFalse();
    assertThat(connector.isSatisfiedBy(ApiKind.PLATFORM_AND_CONNECTOR)).isFalse();
    assertThat(
            AuthorizationHeader.parse("User u, Organization o, Token t")
                .isSatisfiedBy(ApiKind.PLATFORM))
        .isTrue();
  }

  @Test
  void redactsEverySecretKeepingTheShape() {
    AuthorizationHeader header = AuthorizationHeader.parse(HELP_PAGE_HEADER);

    assertThat(header.redacted())
        .isEqualTo("User [REDACTED], Organization [REDACTED], Token [REDACTED]");
    assertThat(header).hasToString("User [REDACTED], Organization [REDACTED], Token [REDACTED]");
    assertThat(AuthorizationHeader.parse("Bearer abc")).hasToString("Bearer [REDACTED]");
  }

  @Test
  void equalsComparesSecretsAndStyle() {
    assertThat(AuthorizationHeader.parse("User u, Element t"))
        .isEqualTo(AuthorizationHeader.parse("Element t, User u"))
        .hasSameHashCodeAs(AuthorizationHeader.parse("Element t, User u"))
        .isNotEqualTo(AuthorizationHeader.parse("User u, Token t"))
        .isNotEqualTo(AuthorizationHeader.parse("User u, Element x"));
  }

  @Test
  void rejectsNull() {
    assertThatNullPointerException()
        .isThrownBy(() -> AuthorizationHeader.parse(null))
        .withMessage("Authorization header must not be null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void rejectsEmpty(String header) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse(header))
        .withMessage("Authorization header is empty");
  }

  @Test
  void rejectsEmptyParts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User u,, Organization o"))
        .withMessage("Authorization header part 2 is empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User u, Organization o,"))
        .withMessage("Authorization header part 3 is empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse(", User u"))
        .withMessage("Authorization header part 1 is empty");
  }

  @Test
  void rejectsAPastedSecretWithoutKeywordAndDoesNotEchoIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User u, sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6"))
        .withMessage(
            "Authorization header part 2 has no keyword;"
                + " expected 'Keyword secret' with a keyword of User, Organization, Element, Token or Bearer");
  }

  @Test
  void rejectsUnknownKeywordsWithoutEchoingThePart() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("Basic dXNlcjpwYXNz"))
        .withMessage(
            "Authorization header part 1 starts with an unknown keyword;"
                + " expected 'Keyword secret' with a keyword of User, Organization, Element, Token or Bearer")
        .withMessageNotContaining("dXNlcjpwYXNz");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User u, Secret42 s"))
        .withMessageStartingWith("Authorization header part 2 starts with an unknown keyword;")
        .withMessageNotContaining("Secret42");
  }

  @Test
  void rejectsAKeywordWithoutASecret() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User u, Organization"))
        .withMessage("Authorization header part 2 (Organization) has no organization secret");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("token , User u"))
        .withMessage("Authorization header part 1 (Token) has no instance token");
  }

  @Test
  void rejectsDuplicateParts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User u, Organization o, User v"))
        .withMessage("Authorization header has more than one User part");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User u, Element t, Token t"))
        .withMessage(
            "Authorization header has more than one instance token part (Element or Token)");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("Bearer a, Bearer b"))
        .withMessage("Authorization header has more than one Bearer part");
  }

  @Test
  void rejectsBearerBesideOtherParts() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("Bearer abc, User u"))
        .withMessage(
            "Authorization header has a Bearer token beside other parts; a Bearer token stands alone");
  }

  @Test
  void rejectsWhitespaceInsideASecretNamingThePart() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User abc def, Organization o"))
        .withMessage(
            "Authorization header part 1 (User): user secret contains whitespace,"
                + " which cannot travel in an Authorization header part");
  }

  @ParameterizedTest(name = "injection {index}")
  @ValueSource(
      strings = {
        "User abc\r\nX-Evil: 1",
        "User abc\nX-Evil: 1, Organization o",
        "User abc, Organization o\r\n",
        "\r\nUser abc",
      })
  void rejectsHeaderInjection(String header) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse(header))
        .withMessageStartingWith("Authorization header contains a line break (CR or LF)")
        .withMessageNotContaining("abc")
        .withMessageNotContaining("Evil");
  }

  @Test
  void rejectsControlAndNonAsciiCharacters() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User a\0b"))
        .withMessage(
            "Authorization header contains a control character, which cannot travel in an HTTP header");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AuthorizationHeader.parse("User pässword"))
        .withMessage(
            "Authorization header contains a non-ASCII character, which cannot travel in an HTTP header");
  }

  @Test
  void partsAreUnmodifiable() {
    var parts = AuthorizationHeader.parse("User u, Element t").parts();

    assertThat(parts).isEqualTo(EnumSet.of(CredentialPart.USER, CredentialPart.INSTANCE_TOKEN));
    assertThatThrownBy(() -> parts.add(CredentialPart.BEARER))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
