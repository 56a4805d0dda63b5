package io.github.openconnectors.examples.cli;

import io.github.openconnectors.reactor.Instance;
import java.io.PrintWriter;
import java.util.Objects;

/** One instance in detail, a line per field; the token only by fingerprint. */
final class InstanceDetail {

  private InstanceDetail() {}

  static void print(PrintWriter out, String indent, Instance instance) {
    Instance.Element element = instance.element();
    line(out, indent, "id", Long.toString(instance.id()));
    line(out, indent, "name", Objects.toString(instance.name(), "-"));
    line(
        out,
        indent,
        "connector",
        element == null
            ? "-"
            : element.name() + " (key " + element.key() + ", hub " + element.hub() + ")");
    line(out, indent, "tags", instance.tags().isEmpty() ? "-" : String.join(", ", instance.tags()));
    line(out, indent, "state", InstanceTable.state(instance));
    line(out, indent, "created", Objects.toString(instance.createdDate(), "-"));
    line(out, indent, "updated", Objects.toString(instance.updatedDate(), "-"));
    line(
        out,
        indent,
        "token",
        instance.token().map(token -> "[REDACTED] " + token.fingerprint()).orElse("-"));
    line(
        out,
        indent,
        "configuration",
        instance.configuration().isEmpty()
            ? "-"
            : String.join(", ", instance.configuration().keySet()) + " (values not shown)");
  }

  private static void line(PrintWriter out, String indent, String field, String value) {
    out.printf("%s%-14s %s%n", indent, field, value);
  }
}
