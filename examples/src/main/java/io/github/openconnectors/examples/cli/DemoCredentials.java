package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;

/** Built-in demo secrets: the example values of the product's own help page, valid nowhere. */
final class DemoCredentials {

  static final Credentials CREDENTIALS =
      Credentials.of(
          UserSecret.of("sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii"),
          OrganizationSecret.of("58168435e3b9959a929eb04b6218b9a2"),
          InstanceToken.of("yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3"));

  private DemoCredentials() {}
}
