package io.github.openconnectors.examples.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openconnectors instances list|get}. */
@Command(
    name = "instances",
    mixinStandardHelpOptions = true,
    description = "Lists or shows connector instances.",
    subcommands = {InstancesListCommand.class, InstancesGetCommand.class})
final class InstancesCommand implements Callable<Integer> {

  @ParentCommand @Nullable OpenConnectorsCli root;

  @Spec @Nullable CommandSpec spec;

  OpenConnectorsCli root() {
    return Objects.requireNonNull(root);
  }

  /** With no subcommand: a usage error that lists them. */
  @Override
  public Integer call() {
    CommandLine commandLine = Objects.requireNonNull(spec).commandLine();
    commandLine.getErr().println("openconnectors instances: say list or get");
    commandLine.usage(commandLine.getErr());
    return OpenConnectorsCli.USAGE;
  }
}
