package io.github.openconnectors.examples.cli;

import io.github.openconnectors.reactor.Event;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;

/** {@code openconnectors events list}: streams the events, a line each, as they arrive. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Streams the instances' events (GET /instances/events), or one instance's, page after page.",
      "Each line: the event's id, its instance, its status and when it came; never its payload."
    })
final class EventsListCommand implements Callable<Integer> {

  @ParentCommand @Nullable EventsCommand parent;

  @Spec @Nullable CommandSpec spec;

  @Mixin ServiceOptions service = new ServiceOptions();

  @Option(names = "--instance", paramLabel = "ID", description = "Only this instance's events.")
  @Nullable Long instance;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N events.")
  @Nullable Long limit;

  @Override
  public Integer call() {
    CommandSpec spec = Objects.requireNonNull(this.spec);
    if (limit != null && limit < 0) {
      throw new CliException(OpenConnectorsCli.USAGE, "--limit must not be negative");
    }
    OpenConnectorsCli root = Objects.requireNonNull(parent).root();
    PrintWriter out = spec.commandLine().getOut();
    try (Service opened = service.open(root)) {
      Flux<Event> events =
          instance == null ? opened.client().events() : opened.client().events(instance);
      if (limit != null) {
        events = events.take(limit);
      }
      Printing.stream(events, event -> out.println(line(event)), out, Progress.none());
    }
    return OpenConnectorsCli.OK;
  }

  static String line(Event event) {
    return String.format(
        "%-12s %-10s %-10s %s",
        event.id(),
        event.instanceId().isPresent() ? Long.toString(event.instanceId().getAsLong()) : "-",
        event.status(),
        event.eventDate().map(Object::toString).orElse("-"));
  }
}
