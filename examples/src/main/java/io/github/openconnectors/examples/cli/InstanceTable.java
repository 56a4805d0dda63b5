package io.github.openconnectors.examples.cli;

import io.github.openconnectors.reactor.Instance;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;

/**
 * Prints instances as aligned rows, each as it arrives: the columns have fixed widths, since a
 * streamed table cannot measure rows it has not seen, and longer values are cut with an ellipsis.
 */
final class InstanceTable {

  private InstanceTable() {}

  static void printHeader(PrintWriter out, String indent) {
    print(out, indent, "ID", "NAME", "CONNECTOR", "TAGS", "STATE");
  }

  static void printRow(PrintWriter out, String indent, Instance instance) {
    print(
        out,
        indent,
        Long.toString(instance.id()),
        instance.name().orElse(null),
        instance.element().map(Instance.Element::key).orElse(null),
        String.join(",", instance.tags()),
        state(instance));
  }

  static String state(Instance instance) {
    if (instance.disabled()) {
      return "disabled";
    }
    return instance.valid() ? "ok" : "invalid";
  }

  private static void print(
      PrintWriter out,
      String indent,
      String id,
      @Nullable String name,
      @Nullable String connector,
      String tags,
      String state) {
    out.println(
        indent
            + " ".repeat(Math.max(0, 8 - id.length()))
            + id
            + "  "
            + column(name, 34)
            + "  "
            + column(connector, 18)
            + "  "
            + column(tags, 20)
            + "  "
            + state);
  }

  /**
   * The text in exactly {@code width} terminal columns: cut with an ellipsis or padded. Wide (East
   * Asian) characters take two columns, and no surrogate pair is split.
   */
  static String column(@Nullable String text, int width) {
    String value = text == null || text.isEmpty() ? "-" : text;
    StringBuilder cell = new StringBuilder(width + 8);
    int used = 0;
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      int next = i + Character.charCount(codePoint);
      int columns = isWide(codePoint) ? 2 : 1;
      boolean last = next == value.length();
      // Keep one column for the ellipsis unless this character ends the text.
      if (used + columns > width - (last ? 0 : 1)) {
        cell.append('…');
        used++;
        break;
      }
      cell.appendCodePoint(codePoint);
      used += columns;
      i = next;
    }
    return cell.append(" ".repeat(Math.max(0, width - used))).toString();
  }

  /** East Asian wide and fullwidth characters, as terminals draw them. */
  static boolean isWide(int codePoint) {
    return (codePoint >= 0x1100 && codePoint <= 0x115F)
        || (codePoint >= 0x2E80 && codePoint <= 0xA4CF && codePoint != 0x303F)
        || (codePoint >= 0xAC00 && codePoint <= 0xD7A3)
        || (codePoint >= 0xF900 && codePoint <= 0xFAFF)
        || (codePoint >= 0xFE30 && codePoint <= 0xFE4F)
        || (codePoint >= 0xFF00 && codePoint <= 0xFF60)
        || (codePoint >= 0xFFE0 && codePoint <= 0xFFE6)
        || (codePoint >= 0x1F300 && codePoint <= 0x1F64F)
        || (codePoint >= 0x20000 && codePoint <= 0x3FFFD);
  }
}
