package io.github.openconnectors.examples.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openconnectors events list|listen}. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = "Lists the instances' events, or receives their notifications.",
    subcommands = {EventsListCommand.class, EventsListenCommand.class})
final class EventsCommand implements Callable<Integer> {

  /** The variable that holds the instances' event signature key. */
  static final String KEY_VARIABLE = "OPEN_CONNECTORS_EVENT_SIGNATURE_KEY";

  @ParentCommand @Nullable OpenConnectorsCli root;

  @Spec @Nullable CommandSpec spec;

  OpenConnectorsCli root() {
    return Objects.requireNonNull(root);
  }

  /** With no subcommand: a usage error that lists them. */
  @Override
  public Integer call() {
    CommandLine commandLine = Objects.requireNonNull(spec).commandLine();
    commandLine.getErr().println("openconnectors events: say list or listen");
    commandLine.usage(commandLine.getErr());
    return OpenConnectorsCli.USAGE;
  }
}
