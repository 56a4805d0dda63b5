package io.github.openconnectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecretTest {

  static final String HELP_PAGE_USER = "sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii";

  /** Each kind of secret: its factory and the name its messages use. */
  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("user secret", (Function<String, Secret>) UserSecret::of, "UserSecret"),
        Arguments.of(
            "organization secret",
            (Function<String, Secret>) OrganizationSecret::of,
            "OrganizationSecret"),
        Arguments.of(
            "instance token", (Function<String, Secret>) InstanceToken::of, "InstanceToken"),
        Arguments.of("bearer token", (Function<String, Secret>) BearerToken::of, "BearerToken"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsNullNamingTheKind(String kind, Function<String, Secret> factory, String type) {
    assertThatNullPointerException()
        .isThrownBy(() -> factory.apply(null))
        .withMessage(kind + " must not be null");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsEmpty(String kind, Function<String, Secret> factory, String type) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply(""))
        .withMessage(kind + " must not be empty");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsComma(String kind, Function<String, Secret> factory, String type) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply("abc,def"))
        .withMessage(
            kind + " contains a comma, which separates the parts of the Authorization header");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsSpaceAndTab(String kind, Function<String, Secret> factory, String type) {
    String message =
        kind + " contains whitespace, which cannot travel in an Authorization header part";
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply("abc def"))
        .withMessage(message);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply("abc\tdef"))
        .withMessage(message);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply(" abcdef"))
        .withMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsLineBreaksWithAHintAboutFiles(
      String kind, Function<String, Secret> factory, String type) {
    String message =
        kind
            + " contains a line break (CR or LF), which could inject a header;"
            + " if it was read from a file, strip the trailing newline";
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply("abcdef\n"))
        .withMessage(message);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply("abc\rdef"))
        .withMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsHeaderInjectionAtConstruction(
      String kind, Function<String, Secret> factory, String type) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply("abc\r\nX-Evil: 1"))
        .withMessageStartingWith(kind + " contains a line break (CR or LF)")
        .withMessageNotContaining("abc")
        .withMessageNotContaining("X-Evil");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsOtherControlCharacters(String kind, Function<String, Secret> factory, String type) {
    String message = kind + " contains a control character, which cannot travel in an HTTP header";
    for (String value : new String[] {"abc\0def", "abc\u001bdef", "abc\u007fdef", "\u000b"}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> factory.apply(value))
          .withMessage(message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsNonAscii(String kind, Function<String, Secret> factory, String type) {
    String message =
        kind + " contains a non-ASCII character, which cannot travel in an HTTP header";
    for (String value : new String[] {"pässword", "abc\u00a0def", "emoji\uD83D\uDE00", "\u0085"}) {
      assertThatIllegalArgumentException()
          .isThrownBy(() -> factory.apply(value))
          .withMessage(message);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void rejectsValuesLongerThanAnyRealSecret(
      String kind, Function<String, Secret> factory, String type) {
    assertThat(factory.apply("a".repeat(Secret.MAX_LENGTH)).reveal()).hasSize(Secret.MAX_LENGTH);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> factory.apply("a".repeat(Secret.MAX_LENGTH + 1)))
        .withMessage(kind + " is longer than 4096 characters");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void acceptsEveryPrintableAsciiCharacterButComma(
      String kind, Function<String, Secret> factory, String type) {
    StringBuilder all = new StringBuilder();
    for (char c = '!'; c <= '~'; c++) {
      if (c != ',') {
        all.append(c);
      }
    }
    assertThat(factory.apply(all.toString()).reveal()).isEqualTo(all.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void printsAFixedRedactionWhateverTheValue(
      String kind, Function<String, Secret> factory, String type) {
    assertThat(factory.apply("x")).hasToString(type + "[REDACTED]");
    assertThat(factory.apply(HELP_PAGE_USER)).hasToString(type + "[REDACTED]");
    assertThat(factory.apply("y".repeat(300))).hasToString(type + "[REDACTED]");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void knowsItsPart(String kind, Function<String, Secret> factory, String type) {
    assertThat(factory.apply("abc").part().description()).isEqualTo(kind);
  }

  @Test
  void revealGivesTheValueBack() {
    assertThat(UserSecret.of(HELP_PAGE_USER).reveal()).isEqualTo(HELP_PAGE_USER);
  }

  @Test
  void fingerprintIsTheStartOfTheSha256OfTheValue() {
    // printf %s abc | sha256sum -> ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(UserSecret.of("abc").fingerprint()).isEqualTo("sha256:ba7816bf");
    assertThat(BearerToken.of("abc").fingerprint()).isEqualTo("sha256:ba7816bf");
    assertThat(UserSecret.of(HELP_PAGE_USER).fingerprint())
        .matches("sha256:[0-9a-f]{8}")
        .isEqualTo(UserSecret.of(HELP_PAGE_USER).fingerprint())
        .isNotEqualTo(UserSecret.of(HELP_PAGE_USER + "x").fingerprint());
  }

  @Test
  void equalSecretsOfOneKindAreEqual() {
    assertThat(UserSecret.of("abc"))
        .isEqualTo(UserSecret.of("abc"))
        .hasSameHashCodeAs(UserSecret.of("abc"))
        .isNotEqualTo(UserSecret.of("abd"))
        .isNotEqualTo(UserSecret.of("ab"))
        .isNotEqualTo(UserSecret.of("abcd"));
  }

  @Test
  void secretsOfDifferentKindsAreNeverEqual() {
    assertThat(UserSecret.of("abc"))
        .isNotEqualTo(OrganizationSecret.of("abc"))
        .isNotEqualTo(InstanceToken.of("abc"))
        .isNotEqualTo(BearerToken.of("abc"))
        .isNotEqualTo("abc");
  }
}
