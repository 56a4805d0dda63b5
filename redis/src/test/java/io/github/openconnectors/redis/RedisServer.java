package io.github.openconnectors.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} for the tests, as a child process on a free loopback port, with no
 * persistence: started, stopped and started again on the same port, as an operator's restart. Tests
 * that need one are skipped, saying why, where {@code redis-server} is not installed ({@code
 * .ci/run} installs it).
 */
final class RedisServer implements AutoCloseable {

  /** Every server still running: stopped when the JVM exits, however the tests ended. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

  private final int port;
  private @Nullable Process process;

  private RedisServer(int port) {
    this.port = port;
  }

  /** Whether {@code redis-server} is on the PATH. */
  static boolean installed() {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(directory, "redis-server"))) {
        return true;
      }
    }
    return false;
  }

  static RedisServer start() {
    RedisServer server = new RedisServer(freePort());
    server.restart();
    return server;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  /** Starts the server (again) on its port and waits until it answers. */
  void restart() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      process =
          new ProcessBuilder(
                  List.of(
                      "redis-server",
                      "--port",
                      Integer.toString(port),
                      "--bind",
                      "127.0.0.1",
                      "--save",
                      "",
                      "--appendonly",
                      "no"))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      RUNNING.add(process);
    } catch (IOException e) {
      throw new IllegalStateException("redis-server did not start", e);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!answers()) {
      if (System.nanoTime() > deadline || !process.isAlive()) {
        throw new IllegalStateException("redis-server did not answer on port " + port);
      }
      sleep(20);
    }
  }

  /** Stops the server at once, as a crash would. */
  void stop() {
    Process running = process;
    if (running == null) {
      return;
    }
    running.destroyForcibly();
    RUNNING.remove(running);
    try {
      running.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** Sends one command in Redis's inline protocol and returns the first line answered. */
  String command(String inline) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      if (line.length() > 0 && line.charAt(0) == '$' && !line.toString().equals("$-1")) {
        StringBuilder bulk = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
          if (c != '\r') {
            bulk.append((char) c);
          }
        }
        return bulk.toString();
      }
      return line.toString();
    } catch (IOException e) {
      throw new IllegalStateException("redis-server did not answer", e);
    }
  }

  private boolean answers() {
    try {
      return command("PING").equals("+PONG");
    } catch (IllegalStateException e) {
      return false;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
