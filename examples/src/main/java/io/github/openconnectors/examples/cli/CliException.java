package io.github.openconnectors.examples.cli;

/** A failure the tool reports in one line, with the exit code it chose: never a stack trace. */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The exit code to end with. */
  private final int exitCode;

  CliException(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
