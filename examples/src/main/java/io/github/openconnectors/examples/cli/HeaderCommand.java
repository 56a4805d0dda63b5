package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.AuthorizationHeader;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.HeaderStyle;
import io.github.openconnectors.core.MissingCredentialException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code openconnectors header}: composes the Authorization header a kind of request carries. */
@Command(
    name = "header",
    mixinStandardHelpOptions = true,
    description = {
      "Composes the Authorization header for a kind of request.",
      "Secrets come from OPEN_CONNECTORS_USER_SECRET, OPEN_CONNECTORS_ORGANIZATION_SECRET,"
          + " OPEN_CONNECTORS_INSTANCE_TOKEN and OPEN_CONNECTORS_BEARER_TOKEN, or with --demo from"
          + " built-in demo values. They are redacted unless --reveal is given."
    })
final class HeaderCommand implements Callable<Integer> {

  @ParentCommand @Nullable OpenConnectorsCli root;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--kind",
      paramLabel = "platform|connector|both",
      converter = KindConverter.class,
      description =
          "Which requests: platform (User, Organization), connector (User, Element),"
              + " or both (all three). Default: ${DEFAULT-VALUE}.",
      defaultValue = "platform")
  ApiKind kind = ApiKind.PLATFORM;

  @Option(
      names = "--style",
      paramLabel = "element|token",
      converter = StyleConverter.class,
      description =
          "How to spell the instance token: element (as sent on the wire) or token (as the help"
              + " page shows it). Default: ${DEFAULT-VALUE}.",
      defaultValue = "element")
  HeaderStyle style = HeaderStyle.ELEMENT;

  @Option(names = "--reveal", description = "Print the secrets in clear instead of [REDACTED].")
  boolean reveal;

  @Option(
      names = "--demo",
      description =
          "Use built-in demo secrets (the help page's example) instead of the environment.")
  boolean demo;

  @Override
  public Integer call() {
    Credentials credentials = credentials().withHeaderStyle(style);
    AuthorizationHeader header;
    try {
      header = credentials.authorizationFor(kind);
    } catch (MissingCredentialException e) {
      throw new CliException(OpenConnectorsCli.AUTHENTICATION, Failures.describe(e));
    }
    Objects.requireNonNull(spec)
        .commandLine()
        .getOut()
        .println("Authorization: " + (reveal ? header.value() : header.redacted()));
    return OpenConnectorsCli.OK;
  }

  private Credentials credentials() {
    return demo
        ? DemoCredentials.CREDENTIALS
        : Service.credentials(Objects.requireNonNull(root).environment());
  }

  /** platform, connector or both. */
  static final class KindConverter implements ITypeConverter<ApiKind> {
    @Override
    public ApiKind convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "platform" -> ApiKind.PLATFORM;
        case "connector" -> ApiKind.CONNECTOR;
        case "both" -> ApiKind.PLATFORM_AND_CONNECTOR;
        default -> throw new TypeConversionException("expected platform, connector or both");
      };
    }
  }

  /** element or token. */
  static final class StyleConverter implements ITypeConverter<HeaderStyle> {
    @Override
    public HeaderStyle convert(String value) {
      for (HeaderStyle style : List.of(HeaderStyle.values())) {
        if (style.name().equalsIgnoreCase(value)) {
          return style;
        }
      }
      throw new TypeConversionException("expected element or token");
    }
  }
}
