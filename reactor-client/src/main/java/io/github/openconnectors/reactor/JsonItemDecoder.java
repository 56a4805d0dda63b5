package io.github.openconnectors.reactor;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * Turns a body's bytes, as they arrive, into JSON items: the elements of a top-level array, each
 * handed out as soon as its last byte has arrived, or one top-level object. Memory holds at most
 * one chunk and the item being read, whose size is capped.
 *
 * <p>Each chunk is parsed with Jackson's blocking parser over a byte array, in one pass from the
 * bytes straight into the item: the fastest way Jackson reads JSON, several times cheaper than the
 * non-blocking parser whose tokens must be buffered per item and read again. The blocking parser
 * cannot wait for more input, so an item cut off by the end of a chunk is parsed again, whole, with
 * the next chunk: the bytes after the last complete item are carried over. Whatever the chunk
 * boundaries, Jackson sees each element as part of a JSON array: the first chunk as the body
 * starts, the later ones behind {@code "[0 "}, a placeholder standing for the items already read.
 * So Jackson, not this class, checks every separator, bracket and value.
 *
 * <p>An item that keeps arriving in small chunks is parsed again only when the bytes carried have
 * doubled since the last attempt, so that a server trickling a large item byte by byte costs a
 * bounded multiple of its size, never its square.
 *
 * <p>Not thread-safe: one decoder per response, fed in order.
 */
final class JsonItemDecoder<T> {

  /** The rest of an array after a placeholder element, standing for the items already read. */
  private static final byte[] AFTER_AN_ITEM = {'[', '0', ' '};

  /** An array already closed, so that only whitespace may follow. */
  private static final byte[] AFTER_THE_ARRAY = {'[', ']', ' '};

  private static final byte[] NOTHING = {};

  /** A window larger than this is not kept for the thread's next chunk. */
  private static final int MAX_RETAINED_WINDOW = 256 * 1024;

  /** One window per thread, reused by every decoder that thread feeds: chunks are fed whole. */
  private static final FastThreadLocal<byte[]> WINDOWS =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[16 * 1024];
        }
      };

  private enum State {
    /** Nothing read yet: the bytes carried are the body from its start. */
    START,
    /** Items read: the bytes carried are those after the last one. */
    AFTER_AN_ITEM,
    /** The array ended: anything carried must be whitespace. */
    DONE
  }

  private final ObjectReader parsers;
  private final Function<JsonParser, T> items;
  private final boolean array;
  private final long maxItemBytes;
  private byte[] carried = NOTHING;
  private int carriedLength;

  /** Where in the body the bytes carried start. */
  private long carriedFrom;

  private long fed;

  /** How many bytes must be carried before an incomplete item is parsed again. */
  private long retryAt;

  private State state = State.START;

  /** Where in the window being parsed the bytes not yet read into items start. */
  private int consumed;

  private @Nullable RuntimeException pendingFailure;

  private JsonItemDecoder(
      ObjectReader parsers, boolean array, long maxItemBytes, Function<JsonParser, T> items) {
    this.parsers = parsers;
    this.items = items;
    this.array = array;
    this.maxItemBytes = maxItemBytes;
  }

  /**
   * A decoder of a top-level array's elements, each an object.
   *
   * @param trees a reader for {@link JsonNode}, made where blocking is allowed: making it resolves
   *     Jackson's deserializer, which takes a lock the first time; the parsers it makes give a
   *     reader of items the context to read any nested value as a tree
   * @param items reads one item from a parser at the item's {@code START_OBJECT}, and leaves it at
   *     the item's {@code END_OBJECT}; the parser goes on to the next item, so an {@code
   *     ObjectReader} that reads items must be made without {@code
   *     DeserializationFeature.FAIL_ON_TRAILING_TOKENS}
   */
  static <T> JsonItemDecoder<T> forArray(
      ObjectReader trees, long maxItemBytes, Function<JsonParser, T> items) {
    return new JsonItemDecoder<>(trees, true, maxItemBytes, items);
  }

  /**
   * A decoder of one top-level object, handed out once its last byte has arrived; the parameters as
   * for {@link #forArray}.
   */
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
    int length = chunk.readableBytes();
    fed += length;
    if (carriedLength + (long) length < retryAt) {
      carry(chunk);
      return List.of();
    }
    byte[] prefix = prefix();
    byte[] window = carriedInWindow(prefix, length);
    chunk.getBytes(chunk.readerIndex(), window, prefix.length + carriedLength, length);
    List<T> items = new ArrayList<>(8);
    try {
      parse(window, prefix.length, prefix.length + carriedLength + length, items, false);
    } catch (RuntimeException failure) {
      if (items.isEmpty()) {
        throw failure;
      }
      // The items before the failure are good: hand them out, then fail.
      pendingFailure = failure;
    }
    return items;
  }

  /**
   * Ends the input and returns the items it completed.
   *
   * @throws BodyException if the body ended before its JSON was complete, or is malformed
   */
  List<T> end() {
    throwPendingFailure();
    if (state == State.DONE && carriedLength == 0) {
      return List.of();
    }
    List<T> items = new ArrayList<>(1);
    byte[] prefix = prefix();
    byte[] window = carriedInWindow(prefix, 0);
    parse(window, prefix.length, prefix.length + carriedLength, items, true);
    if (state != State.DONE) {
      throw new BodyException("the body ended before its JSON was complete (" + fed + " bytes)");
    }
    return items;
  }

  /**
   * Parses a window of {@code prefix} bytes and then the bytes carried and fed, adds the items it
   * completes, and carries what follows the last of them to the next chunk.
   */
  private void parse(byte[] window, int prefix, int length, List<T> completed, boolean atEnd) {
    consumed = prefix;
    try (JsonParser json = parsers.createParser(window, 0, length)) {
      try {
        if (array) {
          readItems(json, completed, atEnd ? length : lastItemEnd(window, prefix, length), atEnd);
        } else {
          readObject(json, completed, atEnd);
        }
      } catch (JacksonException failure) {
        // A value cut off by the window's end can look malformed ("tr" for "true"): whatever the
        // parser found once it had read every byte, more bytes decide.
        if (atEnd || !(endOfInput(failure) || json.currentLocation().getByteOffset() >= length)) {
          throw malformed(failure, prefix, atEnd);
        }
      }
    }
    keep(window, prefix, consumed, length);
  }

  /** Reads the array's items in the window, up to {@code stop} if an item ends there. */
  private void readItems(JsonParser json, List<T> completed, int stop, boolean atEnd) {
    TokenStreamContext inArray = startArray(json);
    if (inArray == null) {
      if (atEnd) {
        throw new BodyException("the body is empty: expected JSON");
      }
      return;
    }
    for (JsonToken token = json.nextToken(); ; token = json.nextToken()) {
      if (token == JsonToken.END_ARRAY) {
        state = State.DONE;
        consumed = offset(json.currentLocation());
        ensureNothingMore(json, "array");
        return;
      }
      if (token != JsonToken.START_OBJECT) {
        throw new BodyException("expected objects in the JSON array, found " + describe(token));
      }
      completed.add(readItem(json, inArray));
      state = State.AFTER_AN_ITEM;
      if (consumed == stop) {
        return;
      }
    }
  }

  /** Reads the one object of the body, once the window holds all of it. */
  private void readObject(JsonParser json, List<T> completed, boolean atEnd) {
    JsonToken first = json.nextToken();
    if (state == State.DONE) {
      json.nextToken(); // the closed placeholder array's end
      ensureNothingMore(json, "object");
      return;
    }
    if (first == null) {
      if (atEnd) {
        throw new BodyException("the body is empty: expected JSON");
      }
      return;
    }
    if (first != JsonToken.START_OBJECT) {
      throw new BodyException("expected a JSON object, found " + describe(first));
    }
    T item = readItem(json, json.streamReadContext().getParent());
    state = State.DONE;
    completed.add(item);
    ensureNothingMore(json, "object");
  }

  /** Reads the item at the parser's {@code START_OBJECT}, checks its size, and consumes it. */
  @SuppressWarnings("ReferenceEquality") // the very context the item started in
  private T readItem(JsonParser json, @Nullable TokenStreamContext outside) {
    long start = json.currentTokenLocation().getByteOffset();
    T item = items.apply(json);
    if (json.streamReadContext() != outside) {
      throw new IllegalStateException("an item reader stopped inside its item");
    }
    int end = offset(json.currentLocation());
    if (end - start > maxItemBytes) {
      throw tooLarge();
    }
    consumed = end;
    return item;
  }

  /** After the body's JSON, only whitespace may follow, now or in later chunks. */
  private void ensureNothingMore(JsonParser json, String what) {
    if (json.nextToken() != null) {
      throw new BodyException("the body has more after its JSON " + what);
    }
    consumed = offset(json.currentLocation());
  }

  /**
   * Where the window's last complete item probably ends: after the last {@code "},{"} or {@code
   * "}]"}, or at the window's end if there is none. Parsing stops there, so that the parser does
   * not run into the window's end, which costs an exception: a chunk's last item is most often cut
   * off. Only a hint: if it is wrong (a nested object), the item goes on past it and is parsed as
   * usual.
   */
  private static int lastItemEnd(byte[] window, int from, int length) {
    for (int i = length - 2; i >= from; i--) {
      if (window[i] == '}'
          && (window[i + 1] == ']'
              || (window[i + 1] == ',' && i + 2 < length && window[i + 2] == '{'))) {
        return i + 1;
      }
    }
    return length;
  }

  /**
   * Reads the tokens before the array's first item in this window.
   *
   * @return the array's context, or null if the window holds nothing yet
   */
  private @Nullable TokenStreamContext startArray(JsonParser json) {
    JsonToken first = json.nextToken();
    if (state == State.START) {
      if (first == null) {
        return null;
      }
      if (first != JsonToken.START_ARRAY) {
        throw new BodyException("expected a JSON array, found " + describe(first));
      }
    } else if (state == State.AFTER_AN_ITEM) {
      json.nextToken(); // the placeholder
    }
    return json.streamReadContext();
  }

  /**
   * Carries the window's bytes from {@code from} on to the next chunk; the window's body bytes
   * start after {@code prefix}, so that the carried bytes' place in the body stays known.
   */
  private void keep(byte[] window, int prefix, int from, int length) {
    carriedFrom += from - prefix;
    int rest = length - from;
    if (carried.length < rest) {
      carried = new byte[Math.max(rest, Math.min(2 * carried.length, Integer.MAX_VALUE - 8))];
    }
    System.arraycopy(window, from, carried, 0, rest);
    carriedLength = rest;
    retryAt = 2L * rest;
    if (state != State.DONE && rest > maxItemBytes) {
      throw tooLarge();
    }
  }

  private void carry(ByteBuf chunk) {
    int length = chunk.readableBytes();
    int needed = carriedLength + length;
    if (state != State.DONE && needed > maxItemBytes) {
      throw tooLarge();
    }
    if (carried.length < needed) {
      byte[] larger = new byte[Math.max(needed, 2 * carried.length)];
      System.arraycopy(carried, 0, larger, 0, carriedLength);
      carried = larger;
    }
    chunk.getBytes(chunk.readerIndex(), carried, carriedLength, length);
    carriedLength = needed;
  }

  private byte[] prefix() {
    return switch (state) {
      case START -> NOTHING;
      case AFTER_AN_ITEM -> AFTER_AN_ITEM;
      case DONE -> AFTER_THE_ARRAY;
    };
  }

  /** The thread's window holding the prefix and the bytes carried, with room for {@code more}. */
  private byte[] carriedInWindow(byte[] prefix, int more) {
    byte[] window = window(prefix.length + carriedLength + more);
    System.arraycopy(prefix, 0, window, 0, prefix.length);
    System.arraycopy(carried, 0, window, prefix.length, carriedLength);
    return window;
  }

  private static byte[] window(int length) {
    byte[] window = WINDOWS.get();
    if (window.length >= length) {
      return window;
    }
    byte[] larger = new byte[Math.max(length, 2 * window.length)];
    if (larger.length <= MAX_RETAINED_WINDOW) {
      WINDOWS.set(larger);
    }
    return larger;
  }

  private static boolean endOfInput(JacksonException failure) {
    return failure instanceof UnexpectedEndOfInputException;
  }

  private RuntimeException malformed(JacksonException failure, int prefix, boolean atEnd) {
    if (atEnd && endOfInput(failure)) {
      return new BodyException("the body ended before its JSON was complete (" + fed + " bytes)");
    }
    TokenStreamLocation where = failure.getLocation();
    if (where == null || where.getByteOffset() < 0) {
      return failure;
    }
    // Jackson's own message quotes the body, which may hold an instance token: keep only where.
    long at = carriedFrom + (where.getByteOffset() - prefix);
    return new BodyException("the body is not valid JSON at byte " + Math.max(0, at));
  }

  private static int offset(TokenStreamLocation location) {
    return (int) location.getByteOffset();
  }

  private void throwPendingFailure() {
    if (pendingFailure != null) {
      throw pendingFailure;
    }
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
