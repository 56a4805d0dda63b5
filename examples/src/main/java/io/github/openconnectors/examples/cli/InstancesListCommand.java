package io.github.openconnectors.examples.cli;

import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.InstanceQuery;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;

/** {@code openconnectors instances list}: streams a listing, printing each instance as it comes. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "Streams the instances, page after page, printing each one as it arrives.",
      "A page is requested only when the output has caught up with the one before, so --limit"
          + " sends no more requests than it needs."
    })
final class InstancesListCommand implements Callable<Integer> {

  @ParentCommand @Nullable InstancesCommand parent;

  @Spec @Nullable CommandSpec spec;

  @Mixin ServiceOptions service = new ServiceOptions();

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description = "Only instances with this tag; repeat it for instances with every tag given.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--search",
      paramLabel = "TEXT",
      description = "Only instances whose name or connector key holds this text.")
  @Nullable String search;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      defaultValue = "200",
      description = "Instances per page, 1 to 200. Default: ${DEFAULT-VALUE}.")
  int pageSize = 200;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N instances.")
  @Nullable Long limit;

  @Option(
      names = "--format",
      paramLabel = "table|json|ndjson",
      converter = OutputFormat.Converter.class,
      defaultValue = "table",
      description = "Default: ${DEFAULT-VALUE}.")
  OutputFormat format = OutputFormat.TABLE;

  @Option(
      names = "--progress",
      negatable = true,
      description = "A progress line on stderr. Default: when stderr is a terminal.")
  @Nullable Boolean progress;

  @Override
  public Integer call() {
    CommandSpec spec = Objects.requireNonNull(this.spec);
    if (pageSize < 1 || pageSize > 200) {
      throw new ParameterException(
          spec.commandLine(), "--page-size must be from 1 to 200, was " + pageSize);
    }
    if (limit != null && limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must not be negative");
    }
    InstanceQuery query = InstanceQuery.all().withPageSize(pageSize);
    if (!tags.isEmpty()) {
      query = query.withTags(tags.toArray(String[]::new));
    }
    if (search != null) {
      query = query.withSearchText(search);
    }
    OpenConnectorsCli root = Objects.requireNonNull(parent).root();
    PrintWriter out = spec.commandLine().getOut();
    Progress progressLine =
        Progress.on(
            spec.commandLine().getErr(),
            progress == null ? root.stderrIsTerminal() : progress,
            "instances");
    try (Service opened = service.open(root)) {
      Flux<Instance> instances = opened.client().instances(query);
      if (limit != null) {
        instances = instances.take(limit);
      }
      print(instances, out, progressLine);
    }
    return OpenConnectorsCli.OK;
  }

  private void print(Flux<Instance> instances, PrintWriter out, Progress progress) {
    // Nothing is printed before the first instance: a listing refused at once (bad credentials,
    // no connection) leaves stdout empty, with the one line on stderr.
    switch (format) {
      case TABLE -> {
        Consumer<Instance> row =
            new Consumer<>() {
              private boolean headed;

              @Override
              public void accept(Instance instance) {
                if (!headed) {
                  InstanceTable.printHeader(out, "");
                  headed = true;
                }
                InstanceTable.printRow(out, "", instance);
              }
            };
        if (Printing.stream(instances, row, out, progress) == 0) {
          InstanceTable.printHeader(out, "");
        }
      }
      case NDJSON ->
          Printing.stream(
              instances, instance -> out.println(InstanceJson.of(instance)), out, progress);
      case JSON -> {
        Consumer<Instance> element =
            new Consumer<>() {
              private boolean first = true;

              @Override
              public void accept(Instance instance) {
                out.print(first ? "[\n  " : ",\n  ");
                out.print(InstanceJson.of(instance));
                first = false;
              }
            };
        long count = Printing.stream(instances, element, out, progress);
        out.println(count == 0 ? "[]" : "\n]");
      }
    }
  }
}
