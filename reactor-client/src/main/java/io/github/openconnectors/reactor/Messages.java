package io.github.openconnectors.reactor;

import org.jspecify.annotations.Nullable;

/** Makes text from the service safe to put in a message that reaches logs and terminals. */
final class Messages {

  private Messages() {}

  /**
   * Escapes what could rewrite a log line or a terminal: line breaks, other control characters (ESC
   * starts terminal sequences), and the invisible marks that reorder or break lines. A line feed
   * becomes {@code \n}, a carriage return {@code \r}, a tab {@code \t}, and the others a backslash,
   * {@code u} and four hex digits; a backslash is left as it is.
   *
   * @return the text, escaped; null for null
   */
  static @Nullable String escapeControls(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int first = 0;
    while (first < text.length() && !needsEscape(text.charAt(first))) {
      first++;
    }
    if (first == text.length()) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!needsEscape(c)) {
        escaped.append(c);
      } else if (c == '\n') {
        escaped.append("\\n");
      } else if (c == '\r') {
        escaped.append("\\r");
      } else if (c == '\t') {
        escaped.append("\\t");
      } else {
        escaped.append(String.format("\\u%04x", (int) c));
      }
    }
    return escaped.toString();
  }

  private static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x2028
        || c == 0x2029;
  }
}
