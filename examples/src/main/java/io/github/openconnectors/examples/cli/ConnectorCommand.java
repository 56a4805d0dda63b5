package io.github.openconnectors.examples.cli;

import java.io.PrintWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * {@code openconnectors connector get|list ID PATH}: calls a connector's own API through its
 * instance, whose token the client looks up with {@code GET /instances/ID}.
 */
@Command(
    name = "connector",
    mixinStandardHelpOptions = true,
    description = {
      "Calls a connector's API (/hubs/PATH) through instance ID.",
      "The instance token is looked up with the platform credentials and sent with the user"
          + " secret; it is never printed."
    })
final class ConnectorCommand {

  @ParentCommand @Nullable OpenConnectorsCli root;

  @Spec @Nullable CommandSpec spec;

  @Command(
      name = "get",
      mixinStandardHelpOptions = true,
      description = "Prints one resource as JSON. Exit code 4 when there is none.")
  int get(
      @Parameters(index = "0", paramLabel = "ID", description = "The instance's id.") long id,
      @Parameters(index = "1", paramLabel = "PATH", description = "Such as crm/contacts/7.")
          String path,
      @Mixin ServiceOptions service) {
    PrintWriter out = out();
    try (Service opened = service.open(Objects.requireNonNull(root))) {
      JsonNode resource =
          Objects.requireNonNull(opened.client().connector(id).get(checked(path)).block());
      out.println(
          InstanceJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(resource));
    }
    return OpenConnectorsCli.OK;
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Streams a listing, page after page, one JSON object per line.")
  int list(
      @Parameters(index = "0", paramLabel = "ID", description = "The instance's id.") long id,
      @Parameters(index = "1", paramLabel = "PATH", description = "Such as crm/contacts.")
          String path,
      @Option(names = "--limit", paramLabel = "N", description = "Stop after N resources.")
          @Nullable Long limit,
      @Mixin ServiceOptions service) {
    if (limit != null && limit < 0) {
      throw new CliException(OpenConnectorsCli.USAGE, "--limit must not be negative");
    }
    PrintWriter out = out();
    try (Service opened = service.open(Objects.requireNonNull(root))) {
      Flux<JsonNode> resources = opened.client().connector(id).list(checked(path));
      if (limit != null) {
        resources = resources.take(limit);
      }
      Printing.stream(resources, out::println, out, Progress.none());
    }
    return OpenConnectorsCli.OK;
  }

  /** The client takes paths relative to {@code /hubs/}; a pasted leading slash is forgiven. */
  private String checked(String path) {
    String relative = path.startsWith("/hubs/") ? path.substring("/hubs/".length()) : path;
    relative = relative.startsWith("/") ? relative.substring(1) : relative;
    if (relative.isEmpty()) {
      throw new CliException(
          OpenConnectorsCli.USAGE, "PATH must name a resource, such as crm/contacts");
    }
    if (relative.contains("?")) {
      throw new CliException(OpenConnectorsCli.USAGE, "PATH may not carry a query (yet)");
    }
    return relative;
  }

  private PrintWriter out() {
    return Objects.requireNonNull(spec).commandLine().getOut();
  }
}
