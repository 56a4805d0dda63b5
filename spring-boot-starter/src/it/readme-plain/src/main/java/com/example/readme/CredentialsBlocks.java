package com.example.readme;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.HeaderStyle;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;

/** The guide's credentials blocks (docs/credentials.md), each in the scope a user would have. */
final class CredentialsBlocks {

  void secrets() {
    UserSecret user = UserSecret.of(System.getenv("OPEN_CONNECTORS_USER_SECRET"));
    user.toString();     // "UserSecret[REDACTED]": fixed, it does not even leak the length
    user.fingerprint();  // "sha256:1a2b3c4d": tells secrets apart in logs
    user.reveal();       // the value: the one way out
  }

  void credentialsAndTheHeader(UserSecret user, OrganizationSecret organization, InstanceToken token) {
    Credentials credentials = Credentials.of(user, organization, token); // or platform(u, o), connector(u, t), bearer(b)

    credentials.authorizationFor(ApiKind.PLATFORM).value();               // "User …, Organization …"
    credentials.authorizationFor(ApiKind.CONNECTOR).value();              // "User …, Element …"
    credentials.authorizationFor(ApiKind.PLATFORM_AND_CONNECTOR).value(); // "User …, Organization …, Element …"
    credentials.authorizationFor(ApiKind.CONNECTOR).redacted();           // "User [REDACTED], Element [REDACTED]"

    credentials.withHeaderStyle(HeaderStyle.TOKEN)                        // the help page's spelling:
        .authorizationFor(ApiKind.PLATFORM_AND_CONNECTOR).value();        // "User …, Organization …, Token …"

    Credentials pasted = Credentials.parse("Authorization: Organization o, User u"); // as pasted from the docs
    Credentials fromEnv = Credentials.fromEnvironment();
  }
}
