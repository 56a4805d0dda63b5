package io.github.openconnectors.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {

  /** The service's event guide's vector. */
  static final EventSignatureKey GUIDE_KEY = EventSignatureKey.of("MySecretEventSignatureKey");

  static final byte[] GUIDE_BODY =
      "<INSERT_EVENT_NOTIFICATION_RESPONSE_BODY>".getBytes(StandardCharsets.UTF_8);

  static final String GUIDE_SIGNATURE = "sha256=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=";

  /** The same body and key under the older algorithm (Python's hmac module gives the same). */
  static final String GUIDE_SHA1_SIGNATURE = "sha1=UmRaRcMdQZFFKhcwuXaem/oN9AE=";

  @Test
  void signsTheGuidesVector() {
    assertThat(WebhookSignature.sign(GUIDE_KEY, GUIDE_BODY)).isEqualTo(GUIDE_SIGNATURE);
  }

  @Test
  void verifiesTheGuidesVectorUnderBothAlgorithms() {
    assertThat(WebhookSignature.verify(GUIDE_KEY, GUIDE_BODY, GUIDE_SIGNATURE)).isTrue();
    assertThat(WebhookSignature.verify(GUIDE_KEY, GUIDE_BODY, GUIDE_SHA1_SIGNATURE)).isTrue();
    // Whitespace around the value, as a proxy may leave it, and the prefix in capitals.
    assertThat(WebhookSignature.verify(GUIDE_KEY, GUIDE_BODY, " " + GUIDE_SIGNATURE + " "))
        .isTrue();
    assertThat(
            WebhookSignature.verify(GUIDE_KEY, GUIDE_BODY, GUIDE_SIGNATURE.replace("sha", "SHA")))
        .isTrue();
    // Without base64's padding: the same bytes.
    assertThat(
            WebhookSignature.verify(
                GUIDE_KEY, GUIDE_BODY, GUIDE_SIGNATURE.substring(0, GUIDE_SIGNATURE.length() - 1)))
        .isTrue();
  }

  @Test
  void refusesATamperedBodyAndAnotherKey() {
    byte[] tampered = GUIDE_BODY.clone();
    tampered[1] ^= 1;
    assertThat(WebhookSignature.verify(GUIDE_KEY, tampered, GUIDE_SIGNATURE)).isFalse();
    assertThat(WebhookSignature.verify(GUIDE_KEY, tampered, GUIDE_SHA1_SIGNATURE)).isFalse();
    assertThat(
            WebhookSignature.verify(
                EventSignatureKey.of("AnotherKey"), GUIDE_BODY, GUIDE_SIGNATURE))
        .isFalse();
    // A signature of the empty body is not one of this body.
    assertThat(
            WebhookSignature.verify(
                GUIDE_KEY, GUIDE_BODY, WebhookSignature.sign(GUIDE_KEY, new byte[0])))
        .isFalse();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "   ",
        "sha256",
        "sha256=",
        "=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=",
        "sha256=not base64!",
        "sha256=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6j",
        "sha512=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=",
        "md5=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=",
        "jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=",
        "sha1=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=",
        "sha256=jHdbRx5EZAsOfTwAPJOGkNUzQMVVdu5VJlxcsk+G6jQ=, sha256=x"
      })
  void aMissingOrMalformedSignatureIsFalseNotAnException(String headerValue) {
    assertThat(WebhookSignature.verify(GUIDE_KEY, GUIDE_BODY, headerValue)).isFalse();
  }

  @Test
  void signsAndVerifiesAnyBody() {
    EventSignatureKey key = EventSignatureKey.of("ключ with spaces and ünïcode");
    byte[] body =
        "{\"message\":{\"events\":[{\"objectId\":\"7\"}]}}".getBytes(StandardCharsets.UTF_8);
    String signature = WebhookSignature.sign(key, body);
    assertThat(signature).startsWith("sha256=");
    assertThat(WebhookSignature.verify(key, body, signature)).isTrue();
    assertThat(WebhookSignature.verify(key, new byte[0], signature)).isFalse();
  }

  @Test
  void theKeyIsASecret() {
    EventSignatureKey key = EventSignatureKey.of("MySecretEventSignatureKey");
    assertThat(key).hasToString("EventSignatureKey[REDACTED]");
    assertThat(key.reveal()).isEqualTo("MySecretEventSignatureKey");
    assertThat(key).isEqualTo(GUIDE_KEY).hasSameHashCodeAs(GUIDE_KEY);
    assertThat(key).isNotEqualTo(EventSignatureKey.of("MySecretEventSignatureKeY"));
    // printf %s MySecretEventSignatureKey | sha256sum | cut -c1-8
    assertThat(key.fingerprint()).isEqualTo("sha256:fdef0e6f");
  }

  @Test
  void aBadKeyIsRefusedWithoutQuotingIt() {
    assertThatNullPointerException()
        .isThrownBy(() -> EventSignatureKey.of(null))
        .withMessage("event signature key must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EventSignatureKey.of(""))
        .withMessage("event signature key must not be empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EventSignatureKey.of("SecretFromAFile\n"))
        .withMessageStartingWith("event signature key contains a line break")
        .withMessageNotContaining("SecretFromAFile");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> EventSignatureKey.of("k".repeat(Secret.MAX_LENGTH + 1)))
        .withMessage("event signature key is longer than 4096 characters");
  }
}
