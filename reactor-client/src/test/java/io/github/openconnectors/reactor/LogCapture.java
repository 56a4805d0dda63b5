package io.github.openconnectors.reactor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what Reactor, Reactor Netty and Netty log (through java.util.logging, as no SLF4J is on
 * the test class path), so tests can assert that no secret and no leak report appears.
 */
final class LogCapture extends Handler {

  private static final LogCapture INSTANCE = new LogCapture();
  private static final Logger ROOT = Logger.getLogger("");
  // java.util.logging holds loggers weakly: one collected would come back at its default level
  // and drop the DEBUG lines the tests look for (seen on Java 25).
  private static final List<Logger> CAPTURED =
      List.of(Logger.getLogger("reactor"), Logger.getLogger("io.netty"));

  private final List<String> lines = new CopyOnWriteArrayList<>();

  static {
    INSTANCE.setLevel(Level.ALL);
    ROOT.addHandler(INSTANCE);
    CAPTURED.forEach(logger -> logger.setLevel(Level.ALL));
  }

  static LogCapture install() {
    return INSTANCE;
  }

  /** Every line logged so far, message and stack trace. */
  List<String> lines() {
    return List.copyOf(lines);
  }

  void clear() {
    lines.clear();
  }

  @Override
  public void publish(LogRecord record) {
    StringBuilder line =
        new StringBuilder(record.getLoggerName()).append(' ').append(record.getLevel()).append(' ');
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    if (message != null && parameters != null) {
      try {
        message = java.text.MessageFormat.format(message, parameters);
      } catch (IllegalArgumentException notAPattern) {
        // keep the raw message
      }
    }
    line.append(message);
    if (record.getThrown() != null) {
      java.io.StringWriter trace = new java.io.StringWriter();
      record.getThrown().printStackTrace(new java.io.PrintWriter(trace));
      line.append('\n').append(trace);
    }
    lines.add(line.toString());
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
