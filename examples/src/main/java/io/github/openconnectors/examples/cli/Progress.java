package io.github.openconnectors.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A progress line on stderr for long listings: shown after a second, rewritten at most five times a
 * second with {@code \r}, and erased at the end, so that it never mixes with the output.
 */
final class Progress {

  private static final long SHOW_AFTER = TimeUnit.SECONDS.toNanos(1);
  private static final long REFRESH_EVERY = TimeUnit.MILLISECONDS.toNanos(200);

  private final @Nullable PrintWriter err;
  private final String noun;
  private final long started = System.nanoTime();
  private long lastShown;
  private int shownWidth;

  private Progress(@Nullable PrintWriter err, String noun) {
    this.err = err;
    this.noun = noun;
  }

  /** A progress line on {@code err}, or none when {@code show} is false. */
  static Progress on(PrintWriter err, boolean show, String noun) {
    return new Progress(show ? err : null, noun);
  }

  /** No progress line: for listings that are short, or whose output is the point. */
  static Progress none() {
    return new Progress(null, "");
  }

  /** Whether this process's stderr is a terminal (and not a file or a pipe). */
  @SuppressWarnings("SystemConsoleNull") // off Linux only: Console.isTerminal() needs Java 22
  static boolean stderrIsTerminal() {
    try {
      // Linux names the terminal of each descriptor; elsewhere, ask whether there is a console.
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  void update(long count) {
    if (err == null) {
      return;
    }
    long now = System.nanoTime();
    long elapsed = now - started;
    if (elapsed < SHOW_AFTER || now - lastShown < REFRESH_EVERY) {
      return;
    }
    lastShown = now;
    String line =
        String.format(
            Locale.ROOT,
            "%,d %s, %,.0f/s",
            count,
            noun,
            count / (elapsed / (double) TimeUnit.SECONDS.toNanos(1)));
    err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
    err.flush();
    shownWidth = line.length();
  }

  void clear() {
    if (err != null && shownWidth > 0) {
      err.print("\r" + " ".repeat(shownWidth) + "\r");
      err.flush();
      shownWidth = 0;
    }
  }
}
