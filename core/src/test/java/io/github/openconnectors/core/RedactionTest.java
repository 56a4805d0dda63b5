package io.github.openconnectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No text a secret-holding object or an exception gives out contains a secret: checked on generated
 * secrets, not one fixed string. Secrets are at least 12 characters long so that a match can only
 * mean a leak.
 */
class RedactionTest {

  static LongStream seeds() {
    return Generated.seeds(300);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void secretsCredentialsAndHeadersNeverPrintASecret(long seed) {
    Credentials credentials = Generated.credentials(new Random(seed), 12, 200);
    List<String> printed = new ArrayList<>();
    printed.add(credentials.toString());
    credentials.userSecret().ifPresent(s -> printed.add(s.toString() + s.fingerprint()));
    credentials.organizationSecret().ifPresent(s -> printed.add(s.toString() + s.fingerprint()));
    credentials.instanceToken().ifPresent(s -> printed.add(s.toString() + s.fingerprint()));
    credentials.bearerToken().ifPresent(s -> printed.add(s.toString() + s.fingerprint()));
    for (ApiKind kind : ApiKind.values()) {
      if (credentials.canAuthorize(kind)) {
        AuthorizationHeader header = credentials.authorizationFor(kind);
        printed.add(header.toString());
        printed.add(header.redacted());
        printed.add(header.credentials().toString());
      } else {
        printed.add(report(catchThrowable(() -> credentials.authorizationFor(kind))));
      }
    }

    assertNoSecretIn(printed, Generated.values(credentials));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void refusedSecretsAreNotEchoedByAnyFactoryOrParser(long seed) {
    Random random = new Random(seed);
    String before = Generated.secret(random, 12, 100);
    String after = Generated.secret(random, 12, 100);
    char refused = Generated.REFUSED.charAt(random.nextInt(Generated.REFUSED.length()));
    String value = before + refused + after;
    List<String> printed = new ArrayList<>();

    printed.add(report(catchThrowable(() -> UserSecret.of(value))));
    printed.add(report(catchThrowable(() -> OrganizationSecret.of(value))));
    printed.add(report(catchThrowable(() -> InstanceToken.of(value))));
    printed.add(report(catchThrowable(() -> BearerToken.of(value))));
    printed.add(report(catchThrowable(() -> AuthorizationHeader.parse("User " + value))));
    printed.add(report(catchThrowable(() -> Credentials.parse("Organization o, User " + value))));
    printed.add(report(catchThrowable(() -> AuthorizationHeader.parse(value))));
    printed.add(
        report(
            catchThrowable(
                () ->
                    Credentials.fromEnvironment(
                        Map.of(Credentials.BEARER_TOKEN_VARIABLE, value)::get))));

    assertNoSecretIn(printed, List.of(before, after));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aSecretWithoutItsKeywordIsNotEchoed(long seed) {
    Random random = new Random(seed);
    String pasted = Generated.secret(random, 12, 100);

    String report = report(catchThrowable(() -> AuthorizationHeader.parse("User u, " + pasted)));

    assertNoSecretIn(List.of(report), List.of(pasted));
  }

  /** Everything a log line of the exception could show: class, message, causes, stack trace. */
  private static String report(Throwable thrown) {
    assertThat(thrown).isNotNull();
    StringWriter text = new StringWriter();
    thrown.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  private static void assertNoSecretIn(List<String> printed, List<String> secrets) {
    assertThat(secrets).isNotEmpty();
    for (String text : printed) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }
}
