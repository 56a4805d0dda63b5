package io.github.openconnectors.examples.cli;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import reactor.util.Loggers;

/**
 * Keeps the libraries' own log (Reactor, Reactor Netty, Netty) off the tool's stderr unless asked
 * for with {@code --verbose}: the tool promises one line per failure, and Netty alone logs a stack
 * trace of hundreds of lines for one failed TLS handshake. The tool's jar has no SLF4J, so those
 * libraries log through {@code java.util.logging}, which is configured here.
 */
final class LibraryLogs {

  // java.util.logging holds its loggers weakly: a level set on one that is collected is lost.
  private static final List<Logger> LIBRARIES =
      List.of(Logger.getLogger("reactor"), Logger.getLogger("io.netty"));

  private LibraryLogs() {}

  /**
   * Routes Reactor's log through {@code java.util.logging}: call it before any Reactor class logs,
   * and only where no SLF4J is present (the tool's own jar).
   */
  static void useJdkLogging() {
    Loggers.useJdkLoggers();
  }

  /**
   * Silences the libraries' log, or, for {@code --verbose}, lets all of it through, debug lines
   * included: what a user asks for when a failure's one line is not enough.
   */
  static void show(boolean verbose) {
    for (Logger library : LIBRARIES) {
      library.setLevel(verbose ? Level.FINE : Level.OFF);
    }
    if (verbose) {
      // The console handler of java.util.logging lets only INFO and above through by default.
      for (Handler handler : Logger.getLogger("").getHandlers()) {
        handler.setLevel(Level.FINE);
      }
    }
  }
}
