package io.github.openconnectors.examples.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** How a listing is printed. */
enum OutputFormat {
  /** Aligned columns, for people. */
  TABLE,
  /** One JSON array, streamed element by element. */
  JSON,
  /** One JSON object per line, for {@code jq} and pipelines. */
  NDJSON;

  /** table, json or ndjson, in any case. */
  static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      try {
        return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected table, json or ndjson");
      }
    }
  }
}
