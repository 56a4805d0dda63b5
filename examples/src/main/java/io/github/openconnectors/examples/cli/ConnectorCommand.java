package io.github.openconnectors.examples.cli;

import io.github.openconnectors.reactor.ConnectorClient;
import io.github.openconnectors.reactor.ConnectorQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
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
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code openconnectors connector get|list|create|update|replace|delete ID PATH}: calls a
 * connector's own API through its instance, whose token the client looks up with {@code GET
 * /instances/ID}. Writes take a JSON object from a file or stdin, and are never sent twice (the
 * client's rule).
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
      @Option(
              names = "--where",
              paramLabel = "CEQL",
              description = "Only the records it selects, such as \"City = 'Bern'\".")
          @Nullable String where,
      @Option(
              names = "--fields",
              paramLabel = "NAMES",
              split = ",",
              description = "Only these fields of each record, comma-separated.")
          @Nullable List<String> fields,
      @Option(
              names = "--order-by",
              paramLabel = "ORDER",
              description = "The records' order, such as \"name desc\".")
          @Nullable String orderBy,
      @Mixin ServiceOptions service) {
    if (limit != null && limit < 0) {
      throw new CliException(OpenConnectorsCli.USAGE, "--limit must not be negative");
    }
    ConnectorQuery query = query(where, fields, orderBy);
    PrintWriter out = out();
    try (Service opened = service.open(Objects.requireNonNull(root))) {
      Flux<JsonNode> resources = opened.client().connector(id).list(checked(path), query);
      if (limit != null) {
        resources = resources.take(limit);
      }
      Printing.stream(resources, out::println, out, Progress.none());
    }
    return OpenConnectorsCli.OK;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a record (POST) from a JSON object and prints it as created.")
  int create(
      @Parameters(index = "0", paramLabel = "ID", description = "The instance's id.") long id,
      @Parameters(index = "1", paramLabel = "PATH", description = "Such as crm/contacts.")
          String path,
      @Option(names = "--body", paramLabel = "FILE", description = BODY) @Nullable String body,
      @Mixin ServiceOptions service) {
    return write(service, (crm, checked, json) -> crm.create(checked, json), id, path, body);
  }

  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = "Changes fields of a record (PATCH) and prints it as changed.")
  int update(
      @Parameters(index = "0", paramLabel = "ID", description = "The instance's id.") long id,
      @Parameters(index = "1", paramLabel = "PATH", description = "Such as crm/contacts/7.")
          String path,
      @Option(names = "--body", paramLabel = "FILE", description = BODY) @Nullable String body,
      @Mixin ServiceOptions service) {
    return write(service, (crm, checked, json) -> crm.update(checked, json), id, path, body);
  }

  @Command(
      name = "replace",
      mixinStandardHelpOptions = true,
      description = "Replaces a record whole (PUT) and prints it as replaced.")
  int replace(
      @Parameters(index = "0", paramLabel = "ID", description = "The instance's id.") long id,
      @Parameters(index = "1", paramLabel = "PATH", description = "Such as crm/contacts/7.")
          String path,
      @Option(names = "--body", paramLabel = "FILE", description = BODY) @Nullable String body,
      @Mixin ServiceOptions service) {
    return write(service, (crm, checked, json) -> crm.replace(checked, json), id, path, body);
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes a record. Exit code 4 when there is none.")
  int delete(
      @Parameters(index = "0", paramLabel = "ID", description = "The instance's id.") long id,
      @Parameters(index = "1", paramLabel = "PATH", description = "Such as crm/contacts/7.")
          String path,
      @Mixin ServiceOptions service) {
    try (Service opened = service.open(Objects.requireNonNull(root))) {
      opened.client().connector(id).delete(checked(path)).block();
    }
    return OpenConnectorsCli.OK;
  }

  private static final String BODY =
      "The JSON object to send, from a file, or - (the default) for stdin.";

  /** One write of a JSON body through a connector client. */
  @FunctionalInterface
  private interface Write {
    Mono<JsonNode> send(ConnectorClient connector, String path, JsonNode body);
  }

  private int write(
      ServiceOptions service, Write write, long id, String path, @Nullable String bodySource) {
    String checked = checked(path);
    JsonNode body = body(bodySource == null ? "-" : bodySource);
    PrintWriter out = out();
    try (Service opened = service.open(Objects.requireNonNull(root))) {
      JsonNode answer = write.send(opened.client().connector(id), checked, body).block();
      if (answer != null) {
        out.println(
            InstanceJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
      }
    }
    return OpenConnectorsCli.OK;
  }

  /** The body to send: a JSON object, from a file or stdin; refused before anything is sent. */
  private static JsonNode body(String source) {
    byte[] bytes;
    try {
      bytes = source.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(source));
    } catch (IOException | InvalidPathException e) {
      throw new CliException(
          OpenConnectorsCli.USAGE,
          "--body cannot be read: " + (source.equals("-") ? "stdin" : source));
    }
    JsonNode body;
    try {
      body = InstanceJson.MAPPER.readTree(bytes);
    } catch (JacksonException e) {
      // Jackson's message quotes the input, which may hold a secret: say where only.
      throw new CliException(
          OpenConnectorsCli.USAGE,
          "--body is not valid JSON at line " + e.getLocation().getLineNr());
    }
    if (body == null || !body.isObject()) {
      throw new CliException(OpenConnectorsCli.USAGE, "--body must be a JSON object");
    }
    return body;
  }

  private static ConnectorQuery query(
      @Nullable String where, @Nullable List<String> fields, @Nullable String orderBy) {
    ConnectorQuery query = ConnectorQuery.all();
    try {
      if (where != null) {
        query = query.withWhere(where);
      }
      if (fields != null) {
        query = query.withFields(fields.toArray(String[]::new));
      }
      if (orderBy != null) {
        query = query.withOrderBy(orderBy);
      }
    } catch (IllegalArgumentException e) {
      throw new CliException(
          OpenConnectorsCli.USAGE,
          "--" + Objects.requireNonNullElse(e.getMessage(), "query is not valid"));
    }
    return query;
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
      throw new CliException(
          OpenConnectorsCli.USAGE, "PATH may not carry a query: use --where, --fields, --order-by");
    }
    return relative;
  }

  private PrintWriter out() {
    return Objects.requireNonNull(spec).commandLine().getOut();
  }
}
