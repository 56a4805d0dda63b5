package io.github.openconnectors.examples.cli;

import io.github.openconnectors.reactor.Instance;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code openconnectors instances get ID}. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Shows one instance. Exit code 4 when there is none with this id.")
final class InstancesGetCommand implements Callable<Integer> {

  @ParentCommand @Nullable InstancesCommand parent;

  @Spec @Nullable CommandSpec spec;

  @Mixin ServiceOptions service = new ServiceOptions();

  @Parameters(index = "0", paramLabel = "ID", description = "The instance's id.")
  long id;

  @Option(
      names = "--format",
      paramLabel = "table|json|ndjson",
      converter = OutputFormat.Converter.class,
      defaultValue = "table",
      description =
          "table: a line per field; json: one object, indented; ndjson: one object on one line."
              + " Default: ${DEFAULT-VALUE}.")
  OutputFormat format = OutputFormat.TABLE;

  @Override
  public Integer call() {
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    try (Service opened = service.open(Objects.requireNonNull(parent).root())) {
      Instance instance = Objects.requireNonNull(opened.client().instance(id).block());
      switch (format) {
        case TABLE -> InstanceDetail.print(out, "", instance);
        case JSON ->
            out.println(
                InstanceJson.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(InstanceJson.of(instance)));
        case NDJSON -> out.println(InstanceJson.of(instance));
      }
    }
    return OpenConnectorsCli.OK;
  }
}
