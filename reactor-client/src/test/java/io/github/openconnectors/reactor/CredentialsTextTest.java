package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.core.BearerToken;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.HeaderStyle;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialsTextTest {

  static final UserSecret USER = UserSecret.of("user+secret/1=");
  static final OrganizationSecret ORGANIZATION = OrganizationSecret.of("org-secret-2");
  static final InstanceToken TOKEN = InstanceToken.of("instance/token+3=");
  static final BearerToken BEARER = BearerToken.of("eyJhbGciOiJIUzI1NiJ9.e30.c2ln");

  @Test
  void everyKindOfCredentialsComesBackEqual() {
    List<Credentials> all =
        List.of(
            Credentials.platform(USER, ORGANIZATION),
            Credentials.connector(USER, TOKEN),
            Credentials.of(USER, ORGANIZATION, TOKEN).withHeaderStyle(HeaderStyle.TOKEN),
            Credentials.bearer(BEARER),
            Credentials.platform(USER, ORGANIZATION).withBearerToken(BEARER));

    assertThat(all)
        .allSatisfy(
            credentials -> {
              Credentials back = CredentialsText.read(CredentialsText.write(credentials));
              assertThat(back).isEqualTo(credentials);
              assertThat(back.parts()).isEqualTo(credentials.parts());
              assertThat(back.headerStyle()).isEqualTo(credentials.headerStyle());
            });
  }

  @Test
  void aTextThatIsNotSharedCredentialsIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> CredentialsText.read("{\"user\":\"user+secret/1=\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared credentials are not valid JSON");
    assertThatThrownBy(() -> CredentialsText.read("{\"organization\":\"org-secret-2\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shared credentials hold no usable secrets");
    assertThatThrownBy(() -> CredentialsText.read("{\"user\":\"has space\",\"bearer\":\"x y\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .message()
        .doesNotContain("has space")
        .doesNotContain("x y");
  }
}
