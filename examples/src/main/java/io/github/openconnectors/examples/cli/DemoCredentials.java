package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;

/**
 * Built-in demo secrets: the example values of the product's own help page, valid nowhere but in
 * the embedded emulator, which takes them as its own.
 */
final class DemoCredentials {

  static final UserSecret USER = UserSecret.of("sAfK7LJGNz5ZHcNrvdJvLI=f03WbTbH6aRKc0HJ3o0Ii");

  static final OrganizationSecret ORGANIZATION =
      OrganizationSecret.of("58168435e3b9959a929eb04b6218b9a2");

  /** The token of the demo emulator's instance {@link DemoData#CRM_INSTANCE}. */
  static final InstanceToken TOKEN =
      InstanceToken.of("yCCt17PgX0E4Qf6MBFXxT+/QcbogS1q1Deyw+lvSW=A3");

  /** The token of the demo emulator's instance with events, {@link DemoData#EVENTS_INSTANCE}. */
  static final InstanceToken EVENTS_TOKEN =
      InstanceToken.of("kQ2v8fT0pLm3Xc9RbN4sWy7Ue1HaJd6GzV5oIq+Er/B=");

  static final Credentials CREDENTIALS = Credentials.of(USER, ORGANIZATION, TOKEN);

  private DemoCredentials() {}
}
