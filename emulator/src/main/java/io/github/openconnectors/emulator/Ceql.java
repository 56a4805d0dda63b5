package io.github.openconnectors.emulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The subset of CEQL, the service's query language, that the emulator understands: comparisons of a
 * record's top-level field with a literal ({@code =}, {@code !=}, {@code <}, {@code >}, {@code
 * like} with {@code %} for any text), joined by {@code and} (binding tighter) and {@code or}.
 * Literals are single-quoted text ({@code ''} for a quote), numbers, {@code true} and {@code
 * false}. Anything else (parentheses, {@code <=}, {@code in}, nested fields, functions) is refused
 * with {@link InvalidQueryException}, whose message the emulator answers with a 400.
 */
final class Ceql {

  private final String text;
  private int at;

  private Ceql(String text) {
    this.text = text;
  }

  /** The records the expression selects. */
  static Predicate<JsonNode> parse(String where) {
    Ceql parser = new Ceql(where);
    Predicate<JsonNode> expression = parser.or();
    parser.skipSpaces();
    if (parser.at < where.length()) {
      throw parser.unexpected();
    }
    return expression;
  }

  private Predicate<JsonNode> or() {
    Predicate<JsonNode> left = and();
    while (keyword("or")) {
      left = left.or(and());
    }
    return left;
  }

  private Predicate<JsonNode> and() {
    Predicate<JsonNode> left = comparison();
    while (keyword("and")) {
      left = left.and(comparison());
    }
    return left;
  }

  private Predicate<JsonNode> comparison() {
    String field = name();
    skipSpaces();
    String operator;
    if (text.startsWith("!=", at)) {
      operator = "!=";
    } else if (text.startsWith("<=", at)
        || text.startsWith(">=", at)
        || text.startsWith("<>", at)) {
      throw unsupported(text.substring(at, at + 2));
    } else if (at < text.length() && "=<>".indexOf(text.charAt(at)) >= 0) {
      operator = String.valueOf(text.charAt(at));
    } else if (keywordAhead("like")) {
      operator = "like";
    } else {
      throw unexpected();
    }
    at += operator.length();
    Object literal = literal();
    if (operator.equals("like")) {
      Pattern pattern = like(literal.toString());
      return record -> {
        JsonNode value = record.get(field);
        return value != null && !value.isNull() && pattern.matcher(value.asString()).matches();
      };
    }
    return record -> compare(record.get(field), operator, literal);
  }

  private static boolean compare(@Nullable JsonNode value, String operator, Object literal) {
    if (value == null || value.isNull()) {
      // An absent field equals nothing, so it is unequal to everything.
      return operator.equals("!=");
    }
    int order = order(value, literal);
    return switch (operator) {
      case "=" -> order == 0;
      case "!=" -> order != 0;
      case "<" -> order < 0;
      default -> order > 0;
    };
  }

  /** Numbers by value, anything else by its text. */
  private static int order(JsonNode value, Object literal) {
    if (literal instanceof BigDecimal number && value.isNumber()) {
      return value.decimalValue().compareTo(number);
    }
    String literalText =
        literal instanceof BigDecimal number ? number.toPlainString() : literal.toString();
    return value.asString().compareTo(literalText);
  }

  /** A {@code like} pattern as a regular expression: {@code %} is any text, the rest literal. */
  private static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    String[] parts = pattern.split("%", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private String name() {
    skipSpaces();
    int start = at;
    while (at < text.length()
        && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
      at++;
    }
    if (start == at || Character.isDigit(text.charAt(start))) {
      throw unexpected();
    }
    if (at < text.length() && text.charAt(at) == '.') {
      throw unsupported("a nested field");
    }
    return text.substring(start, at);
  }

  private Object literal() {
    skipSpaces();
    if (at >= text.length()) {
      throw new InvalidQueryException("Invalid where: a value is missing at the end");
    }
    char first = text.charAt(at);
    if (first == '\'') {
      StringBuilder value = new StringBuilder();
      at++;
      while (true) {
        int quote = text.indexOf('\'', at);
        if (quote < 0) {
          throw new InvalidQueryException("Invalid where: a quoted value is not closed");
        }
        value.append(text, at, quote);
        at = quote + 1;
        if (at < text.length() && text.charAt(at) == '\'') {
          value.append('\'');
          at++;
        } else {
          return value.toString();
        }
      }
    }
    int start = at;
    while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    String word = text.substring(start, at);
    if (word.equalsIgnoreCase("true") || word.equalsIgnoreCase("false")) {
      return word.toLowerCase(Locale.ROOT);
    }
    try {
      return new BigDecimal(word);
    } catch (NumberFormatException e) {
      at = start;
      throw unexpected();
    }
  }

  private boolean keyword(String word) {
    skipSpaces();
    if (keywordAhead(word)) {
      at += word.length();
      return true;
    }
    return false;
  }

  private boolean keywordAhead(String word) {
    int end = at + word.length();
    return text.regionMatches(true, at, word, 0, word.length())
        && (end == text.length() || Character.isWhitespace(text.charAt(end)));
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private InvalidQueryException unexpected() {
    if (at >= text.length()) {
      return new InvalidQueryException("Invalid where: the expression ends too soon");
    }
    char found = text.charAt(at);
    if (found == '(' || found == ')') {
      return unsupported("parentheses");
    }
    return new InvalidQueryException(
        "Invalid where: unexpected '" + found + "' at character " + (at + 1));
  }

  private static InvalidQueryException unsupported(String what) {
    return new InvalidQueryException(
        "Invalid where: "
            + what
            + " is not supported by the emulator (it understands =, !=, <, >, like, and, or)");
  }

  /** Field names of a {@code fields} or {@code orderBy} parameter, comma-separated. */
  static List<String> names(String list) {
    List<String> names = new ArrayList<>();
    for (String name : list.split(",", -1)) {
      String trimmed = name.trim();
      if (!trimmed.isEmpty()) {
        names.add(trimmed);
      }
    }
    return names;
  }

  /** A query the emulator cannot run; its message says why, for a 400. */
  static final class InvalidQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    InvalidQueryException(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }
}
