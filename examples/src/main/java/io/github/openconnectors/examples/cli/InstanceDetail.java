package io.github.openconnectors.examples.cli;

import io.github.openconnectors.reactor.Instance;
import java.io.PrintWriter;
import java.time.Instant;

/** One instance in detail, a line per field; the token only by fingerprint. */
final class InstanceDetail {

  private InstanceDetail() {}

  static void print(PrintWriter out, String indent, Instance instance) {
    line(out, indent, "id", Long.toString(instance.id()));
    line(out, indent, "name", instance.name().orElse("-"));
    line(
        out,
        indent,
        "connector",
        instance
            .element()
            .map(
                element ->
                    element.name() + " (key " + element.key() + ", hub " + element.hub() + ")")
            .orElse("-"));
    line(out, indent, "tags", instance.tags().isEmpty() ? "-" : String.join(", ", instance.tags()));
    line(out, indent, "state", InstanceTable.state(instance));
    line(out, indent, "created", instance.createdDate().map(Instant::toString).orElse("-"));
    line(out, indent, "updated", instance.updatedDate().map(Instant::toString).orElse("-"));
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
