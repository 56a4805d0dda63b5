package io.github.openconnectors.reactor;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.async.ByteBufferFeeder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Turns a body's bytes, as they arrive, into JSON items with Jackson's non-blocking parser: the
 * elements of a top-level array, or one top-level object. An item's tokens are buffered until its
 * last byte has arrived, then read into a value (an instance, a tree, a bound type) and handed out;
 * memory holds at most the item being read, whose size is capped.
 *
 * <p>Not thread-safe: one decoder per response, fed in order.
 */
final class JsonItemDecoder<T> {

  private final Function<JsonParser, T> items;
  private final JsonParser parser;
  private final ByteBufferFeeder feeder;
  private final boolean array;
  private final long maxItemBytes;
  private TokenBuffer item;
  private int depth;
  private boolean started;
  private boolean finished;
  private long fed;
  private long itemStart = -1;
  private @Nullable RuntimeException pendingFailure;

  private JsonItemDecoder(
      ObjectReader trees, boolean array, long maxItemBytes, Function<JsonParser, T> items) {
    this.items = items;
    this.parser = trees.createNonBlockingByteBufferParser();
    this.feeder = (ByteBufferFeeder) parser.nonBlockingInputFeeder();
    this.array = array;
    this.maxItemBytes = maxItemBytes;
    this.item = newItem();
  }

  /**
   * A decoder of a top-level array's elements, each an object.
   *
   * @param trees a reader for {@link JsonNode}, made where blocking is allowed: making it resolves
   *     Jackson's deserializer, which takes a lock the first time; it also serves values that are
   *     read as trees
   * @param items reads one item from a parser over its buffered tokens
   */
  static <T> JsonItemDecoder<T> forArray(
      ObjectReader trees, long maxItemBytes, Function<JsonParser, T> items) {
    return new JsonItemDecoder<>(trees, true, maxItemBytes, items);
  }

  /** A decoder of one top-level object; the parameters as for {@link #forArray}. */
  static <T> JsonItemDecoder<T> forObject(
      ObjectReader trees, long maxItemBytes, Function<JsonParser, T> items) {
    return new JsonItemDecoder<>(trees, false, maxItemBytes, items);
  }

  /**
   * Feeds one chunk and returns the items it completed. Reads the buffer without releasing it.
   *
   * @throws BodyException if the JSON is malformed, of the wrong shape, or an item is too large
   */
  List<T> feed(ByteBuf chunk) {
    throwPendingFailure();
    List<T> items = new ArrayList<>(4);
    try {
      for (ByteBuffer buffer : chunk.nioBuffers()) {
        fed += buffer.remaining();
        feeder.feedInput(buffer);
        parse(items);
      }
      if (itemStart >= 0 && fed - itemStart > maxItemBytes) {
        throw tooLarge();
      }
    } catch (RuntimeException failure) {
      if (items.isEmpty()) {
        throw failure;
      }
      // The items before the failure are good: hand them out, then fail.
      pendingFailure = failure;
    }
    return items;
  }

  private void throwPendingFailure() {
    if (pendingFailure != null) {
      throw pendingFailure;
    }
  }

  /**
   * Ends the input and returns the items it completed.
   *
   * @throws BodyException if the body ended before its JSON was complete
   */
  List<T> end() {
    throwPendingFailure();
    feeder.endOfInput();
    List<T> items = new ArrayList<>(1);
    try {
      parse(items);
    } catch (JacksonException endedInsideAValue) {
      finished = false;
    }
    if (!finished) {
      throw new BodyException(
          started
              ? "the body ended before its JSON was complete (" + fed + " bytes)"
              : "the body is empty: expected JSON");
    }
    return items;
  }

  private void parse(List<T> items) {
    JsonToken token;
    while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
      if (finished) {
        throw new BodyException("the body has more after its JSON " + (array ? "array" : "object"));
      }
      if (!started) {
        start(token);
        if (array) {
          continue;
        }
      }
      if (array && depth == 1) {
        if (token == JsonToken.END_ARRAY) {
          depth = 0;
          finished = true;
          continue;
        }
        if (token != JsonToken.START_OBJECT) {
          throw new BodyException("expected objects in the JSON array, found " + describe(token));
        }
        itemStart = parser.currentTokenLocation().getByteOffset();
      }
      item.copyCurrentEvent(parser);
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      }
      if (depth == (array ? 1 : 0) && token.isStructEnd()) {
        // The size is checked once per item here and once per chunk in feed, not per token:
        // asking the parser for a location makes an object each time.
        if (parser.currentLocation().getByteOffset() - itemStart > maxItemBytes) {
          throw tooLarge();
        }
        items.add(complete());
        finished = !array;
      }
    }
  }

  private void start(JsonToken token) {
    started = true;
    JsonToken expected = array ? JsonToken.START_ARRAY : JsonToken.START_OBJECT;
    if (token != expected) {
      throw new BodyException(
          "expected a JSON " + (array ? "array" : "object") + ", found " + describe(token));
    }
    if (array) {
      depth = 1;
    } else {
      itemStart = parser.currentTokenLocation().getByteOffset();
    }
  }

  private T complete() {
    // The reader's own context, so that a reader can take any nested value as a tree: a bare
    // asParser() has a context that cannot read trees or values.
    try (JsonParser tokens = item.asParser(parser.objectReadContext())) {
      T value = items.apply(tokens);
      item.close();
      item = newItem();
      itemStart = -1;
      return value;
    }
  }

  private TokenBuffer newItem() {
    return TokenBuffer.forBuffering(parser, parser.objectReadContext());
  }

  private BodyException tooLarge() {
    return new BodyException(
        "an item of the body is larger than the limit of " + maxItemBytes + " bytes");
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /** The body cannot be read as the JSON expected; the message says why, never what it held. */
  static final class BodyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyException(String message) {
      super(message, null, false, false);
    }
  }
}
