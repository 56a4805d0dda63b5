package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Where a command sends its requests: the tenant of the environment, or an embedded emulator. */
final class Service implements AutoCloseable {

  /** The variable naming the tenant's API, as the secrets' variables name its secrets. */
  static final String BASE_URL_VARIABLE = "OPEN_CONNECTORS_BASE_URL";

  /** Where every tenant's API is; its hosts differ. */
  static final String API_PATH = "/elements/api-v2";

  private static final String EXAMPLE =
      "https://api.openconnectors.us2.ext.hana.ondemand.com" + API_PATH;

  private final OpenConnectorsClient client;
  private final @Nullable OpenConnectorsEmulator emulator;

  private Service(OpenConnectorsClient client, @Nullable OpenConnectorsEmulator emulator) {
    this.client = client;
    this.emulator = emulator;
  }

  /**
   * The tenant of {@code OPEN_CONNECTORS_BASE_URL} with the secrets of the environment.
   *
   * @throws CliException naming the variable to set or to correct
   */
  static Service fromEnvironment(Function<String, @Nullable String> environment) {
    String baseUrl = baseUrl(environment);
    if (baseUrl == null) {
      throw new CliException(
          OpenConnectorsCli.USAGE,
          "set "
              + BASE_URL_VARIABLE
              + " to your tenant's API, such as "
              + EXAMPLE
              + ", and its secrets; or pass --demo to use an embedded emulator");
    }
    Credentials credentials = credentials(environment);
    OpenConnectorsClient client = client(baseUrl, CredentialsProvider.of(credentials));
    if (!client.baseUrl().getPath().endsWith(API_PATH)) {
      // The client would send it, and the 404 would read like a missing instance: a tool that
      // talks to the service alone knows better, and says so before any request.
      client.close();
      throw new CliException(
          OpenConnectorsCli.USAGE,
          BASE_URL_VARIABLE
              + " must end in "
              + API_PATH
              + ", where the service's API is, such as "
              + EXAMPLE);
    }
    return new Service(client, null);
  }

  /** An embedded emulator with the demo data, and a client of it. */
  static Service demo(long generatedInstances) {
    OpenConnectorsEmulator emulator = DemoData.start("127.0.0.1", 0, generatedInstances);
    try {
      return new Service(
          client(emulator.baseUrl(), CredentialsProvider.of(emulator.platformCredentials())),
          emulator);
    } catch (RuntimeException e) {
      emulator.close();
      throw e;
    }
  }

  /** The base URL of the environment, or null when unset or empty. */
  static @Nullable String baseUrl(Function<String, @Nullable String> environment) {
    String baseUrl = environment.apply(BASE_URL_VARIABLE);
    return baseUrl == null || baseUrl.isEmpty() ? null : baseUrl;
  }

  /**
   * The credentials of the environment.
   *
   * @throws CliException with exit code 3, naming the variable to set or to correct
   */
  static Credentials credentials(Function<String, @Nullable String> environment) {
    try {
      return Credentials.fromEnvironment(environment);
    } catch (IllegalStateException e) {
      throw new CliException(
          OpenConnectorsCli.AUTHENTICATION, message(e) + "; or pass --demo for demo values");
    } catch (IllegalArgumentException e) {
      throw new CliException(OpenConnectorsCli.AUTHENTICATION, message(e));
    }
  }

  private static String message(RuntimeException e) {
    return Objects.requireNonNullElse(e.getMessage(), "the credentials are not valid");
  }

  static OpenConnectorsClient client(String baseUrl, CredentialsProvider credentials) {
    try {
      return OpenConnectorsClient.builder()
          .baseUrl(baseUrl)
          .credentialsProvider(credentials)
          .build();
    } catch (IllegalArgumentException e) {
      throw new CliException(OpenConnectorsCli.USAGE, BASE_URL_VARIABLE + ": " + e.getMessage());
    }
  }

  OpenConnectorsClient client() {
    return client;
  }

  /** The embedded emulator, when this is the demo. */
  Optional<OpenConnectorsEmulator> emulator() {
    return Optional.ofNullable(emulator);
  }

  @Override
  public void close() {
    client.close();
    if (emulator != null) {
      emulator.close();
    }
  }
}
