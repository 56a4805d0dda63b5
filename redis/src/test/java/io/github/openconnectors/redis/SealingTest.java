package io.github.openconnectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SealingTest {

  static final String TOKEN = "Bearer-token/with+secret=";

  static Sealing sealing(int fill) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) fill);
    return new Sealing(key, new SecureRandom());
  }

  @Test
  void aSealedValueOpensWithItsKeyForItsRedisKeyOnly() {
    Sealing sealing = sealing(1);
    String stored = sealing.seal("openconnectors:{bearer-login:ab}", TOKEN);

    assertThat(stored).doesNotContain(TOKEN).doesNotContain("Bearer-token");
    assertThat(sealing.open("openconnectors:{bearer-login:ab}", stored)).contains(TOKEN);
    // Moved to another key, or opened with another application's key: treated as missing.
    assertThat(sealing.open("openconnectors:{bearer-login:cd}", stored)).isEmpty();
    assertThat(sealing(2).open("openconnectors:{bearer-login:ab}", stored)).isEmpty();
  }

  @Test
  void anAlteredOrForeignValueDoesNotOpen() {
    Sealing sealing = sealing(1);
    String stored = sealing.seal("k", TOKEN);
    char last = stored.charAt(stored.length() - 3);
    String altered =
        stored.substring(0, stored.length() - 3)
            + (last == 'A' ? 'B' : 'A')
            + stored.substring(stored.length() - 2);

    assertThat(sealing.open("k", altered)).isEmpty();
    assertThat(sealing.open("k", "plain text")).isEmpty();
    assertThat(sealing.open("k", stored.substring(0, 32) + ".!!!")).isEmpty();
    assertThat(sealing.open("k", stored.substring(0, 33))).isEmpty();
  }

  @Test
  void eachSealingUsesAFreshNonceAndTheFingerprintIsStable() {
    Sealing sealing = sealing(1);
    String first = sealing.seal("k", TOKEN);
    String second = sealing.seal("k", TOKEN);

    assertThat(first).isNotEqualTo(second);
    assertThat(first.substring(0, 33)).isEqualTo(second.substring(0, 33));
    assertThat(first).startsWith(sealing.fingerprint(TOKEN) + ".");
    assertThat(sealing.fingerprint(TOKEN)).hasSize(32).isNotEqualTo(sealing(2).fingerprint(TOKEN));
    assertThat(sealing.fingerprint("another")).isNotEqualTo(sealing.fingerprint(TOKEN));
  }

  @Test
  void aShortKeyIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> new Sealing(new byte[16], new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the encryption key must have at least 32 bytes, had 16");
  }
}
