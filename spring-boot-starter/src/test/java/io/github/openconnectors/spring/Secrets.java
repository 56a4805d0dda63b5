package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions about secrets whose failures never print the secret or the text that holds it. */
final class Secrets {

  private Secrets() {}

  /**
   * Fails if {@code text} holds any of the secrets, naming only which one (by its position).
   *
   * @param what what the text is, for the failure's message
   */
  static void assertNoneIn(String what, String text, String... secrets) {
    for (int i = 0; i < secrets.length; i++) {
      assertThat(text.contains(secrets[i])).as("%s holds secret #%d", what, i + 1).isFalse();
    }
  }
}
