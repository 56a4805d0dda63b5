package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.MissingCredentialException;
import io.github.openconnectors.reactor.AuthenticationException;
import io.github.openconnectors.reactor.ConnectionException;
import io.github.openconnectors.reactor.ForbiddenException;
import io.github.openconnectors.reactor.NotFoundException;
import io.github.openconnectors.reactor.OpenConnectorsException;
import reactor.core.Exceptions;

/**
 * Turns a failure into one line and an exit code. The library's messages never hold a secret, so
 * they are printed as they are, with a hint of what to do.
 */
final class Failures {

  private Failures() {}

  static int exitCode(Throwable failure) {
    Throwable cause = Exceptions.unwrap(failure);
    if (cause instanceof CliException refusal) {
      return refusal.exitCode();
    }
    if (cause instanceof MissingCredentialException
        || cause instanceof AuthenticationException
        || cause instanceof ForbiddenException) {
      return OpenConnectorsCli.AUTHENTICATION;
    }
    if (cause instanceof NotFoundException) {
      return OpenConnectorsCli.NOT_FOUND;
    }
    return OpenConnectorsCli.FAILURE;
  }

  static String describe(Throwable failure) {
    Throwable cause = Exceptions.unwrap(failure);
    String message = String.valueOf(cause.getMessage());
    if (cause instanceof CliException || cause instanceof NotFoundException) {
      return message;
    }
    if (cause instanceof AuthenticationException) {
      return message
          + "; check the secrets in OPEN_CONNECTORS_USER_SECRET,"
          + " OPEN_CONNECTORS_ORGANIZATION_SECRET or OPEN_CONNECTORS_BEARER_TOKEN";
    }
    if (cause instanceof ForbiddenException) {
      return message + "; the credentials are valid but may not do this";
    }
    if (cause instanceof ConnectionException) {
      return message + "; check OPEN_CONNECTORS_BASE_URL and that the service is reachable";
    }
    if (cause instanceof MissingCredentialException missing) {
      return message + variablesToSet(missing);
    }
    if (cause instanceof OpenConnectorsException) {
      return message;
    }
    return "unexpected " + cause.getClass().getSimpleName() + ": " + message;
  }

  /**
   * The variables that hold the missing parts, such as {@code "; set OPEN_CONNECTORS_USER_SECRET"};
   * where a bearer token would do instead, that variable too.
   */
  private static String variablesToSet(MissingCredentialException missing) {
    StringBuilder hint = new StringBuilder("; set");
    for (CredentialPart part : missing.missingParts()) {
      hint.append(' ').append(variable(part));
    }
    if (missing.kind().acceptsBearer()
        && !missing.configuredParts().contains(CredentialPart.BEARER)) {
      hint.append(", or ").append(variable(CredentialPart.BEARER)).append(" instead");
    }
    return hint.toString();
  }

  private static String variable(CredentialPart part) {
    return switch (part) {
      case USER -> Credentials.USER_SECRET_VARIABLE;
      case ORGANIZATION -> Credentials.ORGANIZATION_SECRET_VARIABLE;
      case INSTANCE_TOKEN -> Credentials.INSTANCE_TOKEN_VARIABLE;
      case BEARER -> Credentials.BEARER_TOKEN_VARIABLE;
    };
  }
}
