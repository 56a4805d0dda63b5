package io.github.openconnectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of compose and parse, over seeded generated secrets of any allowed character. */
class RoundTripTest {

  static LongStream seeds() {
    return Generated.seeds(400);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void parseOfComposeGivesTheCredentialsBackInEveryPartOrder(long seed) {
    Random random = new Random(seed);
    Credentials credentials = Generated.credentials(random, 1, 300);
    AuthorizationHeader composed = credentials.authorizationFor(Generated.fullKind(credentials));
    List<String> parts = Arrays.asList(composed.value().split(", "));

    for (List<String> order : Generated.permutations(parts)) {
      String header = String.join(random.nextBoolean() ? ", " : ",", order);

      assertThat(Credentials.parse(header)).as("parse(%s)", order.size()).isEqualTo(credentials);
      assertThat(AuthorizationHeader.parse(header)).isEqualTo(composed);
      assertThat(AuthorizationHeader.parse(header).value()).isEqualTo(composed.value());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyHeaderOfTheCredentialsParsesToItself(long seed) {
    Credentials credentials = Generated.credentials(new Random(seed), 1, 300);

    for (ApiKind kind : ApiKind.values()) {
      if (credentials.canAuthorize(kind)) {
        AuthorizationHeader header = credentials.authorizationFor(kind);
        assertThat(AuthorizationHeader.parse(header.value())).isEqualTo(header);
        assertThat(header.isSatisfiedBy(kind)).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void arbitraryTextEitherParsesOrFailsWithAnIllegalArgument(long seed) {
    Random random = new Random(seed);
    String[] pieces = {
      "User",
      "Organization",
      "Element",
      "Token",
      "Bearer",
      "Basic",
      "user",
      " ",
      "  ",
      "\t",
      ",",
      ", ",
      "\r\n",
      "\n",
      "\u00e9",
      "\0",
      "=",
      "+/",
    };
    StringBuilder text = new StringBuilder();
    int count = random.nextInt(12);
    for (int i = 0; i < count; i++) {
      text.append(
          random.nextBoolean()
              ? pieces[random.nextInt(pieces.length)]
              : Generated.secret(random, 1, 20));
    }

    assertThatCode(
            () -> {
              try {
                AuthorizationHeader parsed = AuthorizationHeader.parse(text.toString());
                assertThat(AuthorizationHeader.parse(parsed.value())).isEqualTo(parsed);
              } catch (IllegalArgumentException refused) {
                assertThat(refused.getMessage()).startsWith("Authorization header ");
              }
            })
        .doesNotThrowAnyException();
  }
}
