package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.EventSignatureKey;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openconnectors events listen --port N}: a callback URL on this machine that verifies each
 * delivery with the key of {@code OPEN_CONNECTORS_EVENT_SIGNATURE_KEY} and prints it; a delivery
 * whose signature does not verify is answered 401 and ends the command with one line and exit code
 * 3.
 */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = {
      "Receives event notifications on http://HOST:PORT/ (any path), verifying each with the key"
          + " of "
          + EventsCommand.KEY_VARIABLE
          + ", and prints each as it comes.",
      "A delivery whose signature is missing or wrong is answered 401 and ends the command (exit"
          + " code 3)."
    })
final class EventsListenCommand implements Callable<Integer> {

  @ParentCommand @Nullable EventsCommand parent;

  @Spec @Nullable CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", required = true, description = "The port; 0 for any.")
  int port;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "The address to listen on. Default: ${DEFAULT-VALUE}.")
  String host = "127.0.0.1";

  @Option(names = "--count", paramLabel = "N", description = "Stop after N verified events.")
  @Nullable Long count;

  @Override
  public Integer call() throws InterruptedException {
    CommandSpec spec = Objects.requireNonNull(this.spec);
    if (port < 0 || port > 65535) {
      throw new CliException(OpenConnectorsCli.USAGE, "--port must be from 0 to 65535");
    }
    String text =
        Objects.requireNonNull(parent).root().environment().apply(EventsCommand.KEY_VARIABLE);
    if (text == null || text.isEmpty()) {
      throw new CliException(
          OpenConnectorsCli.AUTHENTICATION,
          EventsCommand.KEY_VARIABLE
              + " is not set: set it to the instances' event.notification.signature.key");
    }
    EventSignatureKey key;
    try {
      key = EventSignatureKey.of(text);
    } catch (IllegalArgumentException unusable) {
      // The message names the fault, never the key.
      throw new CliException(
          OpenConnectorsCli.AUTHENTICATION,
          EventsCommand.KEY_VARIABLE + " is not usable: " + unusable.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    BlockingQueue<EventListener.Received> received = new ArrayBlockingQueue<>(1024);
    try (EventListener listener = EventListener.start(host, port, key, received::offer)) {
      spec.commandLine()
          .getErr()
          .printf("Listening on %s (Ctrl-C to stop)%n", listener.callbackUrl());
      spec.commandLine().getErr().flush();
      for (long taken = 0; count == null || taken < count; taken++) {
        EventListener.Received delivery = received.take();
        if (!delivery.genuine()) {
          throw new CliException(OpenConnectorsCli.AUTHENTICATION, delivery.line());
        }
        out.println(delivery.line());
        out.flush();
      }
    }
    return OpenConnectorsCli.OK;
  }
}
