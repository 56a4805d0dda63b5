package io.github.openconnectors.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * Seeded generators for property-style tests: every run sees the same cases, any failure repeats.
 */
final class Generated {

  /** Every character a secret may hold: printable ASCII but the comma. */
  static final String ALLOWED;

  static {
    StringBuilder allowed = new StringBuilder();
    for (char c = '!'; c <= '~'; c++) {
      if (c != ',') {
        allowed.append(c);
      }
    }
    ALLOWED = allowed.toString();
  }

  /** Characters no secret may hold, one of each reason. */
  static final String REFUSED = ", \t\r\n\0\u001b\u007f\u00e9\u00a0\u2028";

  private Generated() {}

  static LongStream seeds(int count) {
    return LongStream.range(0, count);
  }

  /** A valid secret value of {@code minLength} to {@code maxLength} characters. */
  static String secret(Random random, int minLength, int maxLength) {
    int length = minLength + random.nextInt(maxLength - minLength + 1);
    StringBuilder value = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      value.append(ALLOWED.charAt(random.nextInt(ALLOWED.length())));
    }
    return value.toString();
  }

  /** Credentials of a random shape (platform, connector, all three, or bearer) and style. */
  static Credentials credentials(Random random, int minLength, int maxLength) {
    UserSecret user = UserSecret.of(secret(random, minLength, maxLength));
    OrganizationSecret organization = OrganizationSecret.of(secret(random, minLength, maxLength));
    InstanceToken token = InstanceToken.of(secret(random, minLength, maxLength));
    Credentials credentials =
        switch (random.nextInt(4)) {
          case 0 -> Credentials.platform(user, organization);
          case 1 -> Credentials.connector(user, token);
          case 2 -> Credentials.of(user, organization, token);
          default -> Credentials.bearer(BearerToken.of(secret(random, minLength, maxLength)));
        };
    return credentials.withHeaderStyle(
        random.nextBoolean() ? HeaderStyle.ELEMENT : HeaderStyle.TOKEN);
  }

  /** The kind whose header carries every part of these credentials. */
  static ApiKind fullKind(Credentials credentials) {
    if (credentials.parts().contains(CredentialPart.INSTANCE_TOKEN)) {
      return credentials.parts().contains(CredentialPart.ORGANIZATION)
          ? ApiKind.PLATFORM_AND_CONNECTOR
          : ApiKind.CONNECTOR;
    }
    return ApiKind.PLATFORM;
  }

  /** The secret values these credentials hold. */
  static List<String> values(Credentials credentials) {
    List<String> values = new ArrayList<>();
    credentials.userSecret().ifPresent(s -> values.add(s.reveal()));
    credentials.organizationSecret().ifPresent(s -> values.add(s.reveal()));
    credentials.instanceToken().ifPresent(s -> values.add(s.reveal()));
    credentials.bearerToken().ifPresent(s -> values.add(s.reveal()));
    return values;
  }

  /** Every order of the given items. */
  static <T> List<List<T>> permutations(List<T> items) {
    List<List<T>> result = new ArrayList<>();
    if (items.size() <= 1) {
      result.add(new ArrayList<>(items));
      return result;
    }
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T first = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        tail.add(0, first);
        result.add(tail);
      }
    }
    return result;
  }
}
