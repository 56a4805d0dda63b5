package io.github.openconnectors.emulator;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A misbehaviour of the emulated service, injected with {@link OpenConnectorsEmulator#inject}.
 *
 * <p>Each fault is scoped: by default it applies to the next request only; {@link #times(int)} and
 * {@link #always()} widen that, and {@link #onPath(String)} restricts it to requests whose path
 * (after the {@code /elements/api-v2} base path) matches a regular expression. When several
 * injected faults match a request, the one injected first applies.
 *
 * <pre>{@code
 * emulator.inject(Fault.status(503).times(2));
 * emulator.inject(Fault.tooManyRequests("3").onPath("/instances"));
 * emulator.inject(Fault.droppedConnection(1024).onPath("/instances").always());
 * }</pre>
 */
public final class Fault {

  /** What goes wrong. */
  enum Kind {
    STATUS,
    LATENCY,
    TRUNCATED_BODY,
    DROPPED_CONNECTION,
    CLOSED_BEFORE_RESPONSE,
    TRICKLE
  }

  /** The value of {@link #times} that means "every matching request". */
  static final int ALWAYS = -1;

  private final Kind kind;
  private final int status;
  private final @Nullable String message;
  private final @Nullable String retryAfter;
  private final Duration delay;
  private final int bytes;
  private final int times;
  private final @Nullable Pattern path;
  private final @Nullable String method;
  private final Duration period;

  private Fault(
      Kind kind,
      int status,
      @Nullable String message,
      @Nullable String retryAfter,
      Duration delay,
      int bytes,
      int times,
      @Nullable Pattern path,
      @Nullable String method,
      Duration period) {
    this.kind = kind;
    this.status = status;
    this.message = message;
    this.retryAfter = retryAfter;
    this.delay = delay;
    this.bytes = bytes;
    this.times = times;
    this.path = path;
    this.method = method;
    this.period = period;
  }

  private static Fault of(
      Kind kind, int status, @Nullable String message, Duration delay, int bytes) {
    return new Fault(kind, status, message, null, delay, bytes, 1, null, null, Duration.ZERO);
  }

  /**
   * Answers with an error status and the service's JSON error body, with a default message.
   *
   * @param status an HTTP status from 400 to 599
   * @return the fault
   * @throws IllegalArgumentException if status is not an error status
   */
  public static Fault status(int status) {
    return status(status, defaultMessage(status));
  }

  /**
   * Answers with an error status and the service's JSON error body with the given message.
   *
   * @param status an HTTP status from 400 to 599
   * @param message the body's {@code message}
   * @return the fault
   * @throws IllegalArgumentException if status is not an error status
   */
  public static Fault status(int status, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be from 400 to 599, was " + status);
    }
    return of(Kind.STATUS, status, Objects.requireNonNull(message, "message"), Duration.ZERO, 0);
  }

  /**
   * Answers 429 with a {@code Retry-After} header, as the service passes a provider's rate limit
   * through.
   *
   * @param retryAfter the header's value as sent: seconds ({@code "2"}), an HTTP date, or anything
   *     else, to test how a client copes with it
   * @return the fault
   */
  public static Fault tooManyRequests(String retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return new Fault(
        Kind.STATUS,
        429,
        "Rate limit exceeded by the provider",
        retryAfter,
        Duration.ZERO,
        0,
        1,
        null,
        null,
        Duration.ZERO);
  }

  /**
   * Holds the response back for a while, then answers normally.
   *
   * @param delay how long to wait before the response's first byte
   * @return the fault
   */
  public static Fault latency(Duration delay) {
    return of(Kind.LATENCY, 0, null, positive(delay, "delay"), 0);
  }

  /**
   * Answers with a complete HTTP response whose body is the real body cut after {@code bytes}
   * bytes: valid HTTP, malformed JSON.
   *
   * @param bytes how many bytes of the body to send
   * @return the fault
   */
  public static Fault truncatedBody(int bytes) {
    return of(Kind.TRUNCATED_BODY, 0, null, Duration.ZERO, notNegative(bytes, "bytes"));
  }

  /**
   * Handles the request, then closes the connection without a byte of response: on a write, the
   * record is created, changed or deleted, and the client cannot know it. What a network failure
   * after the server acted looks like from the client.
   *
   * @return the fault
   */
  public static Fault closedBeforeResponse() {
    return of(Kind.CLOSED_BEFORE_RESPONSE, 0, null, Duration.ZERO, 0);
  }

  /**
   * Promises the whole body in {@code Content-Length}, sends {@code bytes} bytes of it and closes
   * the connection.
   *
   * @param bytes how many bytes of the body to send before closing
   * @return the fault
   */
  public static Fault droppedConnection(int bytes) {
    return of(Kind.DROPPED_CONNECTION, 0, null, Duration.ZERO, notNegative(bytes, "bytes"));
  }

  /**
   * Sends the body slowly: {@code bytesPerChunk} bytes at a time, {@code interval} apart.
   *
   * @param bytesPerChunk bytes in each chunk, at least 1
   * @param interval the pause before each chunk
   * @return the fault
   */
  public static Fault trickle(int bytesPerChunk, Duration interval) {
    if (bytesPerChunk < 1) {
      throw new IllegalArgumentException("bytesPerChunk must be at least 1, was " + bytesPerChunk);
    }
    return of(Kind.TRICKLE, 0, null, positive(interval, "interval"), bytesPerChunk);
  }

  /**
   * A copy that applies to the next {@code count} matching requests.
   *
   * @param count how many requests, at least 1
   * @return the fault
   */
  public Fault times(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, was " + count);
    }
    return new Fault(kind, status, message, retryAfter, delay, bytes, count, path, method, period);
  }

  /**
   * A copy that applies to every matching request until {@link
   * OpenConnectorsEmulator#clearFaults()}.
   *
   * @return the fault
   */
  public Fault always() {
    return new Fault(kind, status, message, retryAfter, delay, bytes, ALWAYS, path, method, period);
  }

  /**
   * A copy that applies to every matching request for {@code period} from the first one it meets,
   * and to none after: a provider that refuses everything for a while once its limit is reached.
   *
   * <pre>{@code
   * emulator.inject(Fault.tooManyRequests("2").during(Duration.ofSeconds(2)));
   * }</pre>
   *
   * @param period how long the fault lasts once met; positive
   * @return the fault
   */
  public Fault during(Duration period) {
    return new Fault(
        kind,
        status,
        message,
        retryAfter,
        delay,
        bytes,
        ALWAYS,
        path,
        method,
        positive(period, "period"));
  }

  /**
   * A copy that applies only to requests whose path matches a regular expression.
   *
   * @param regex matched against the whole path after the base path, such as {@code "/instances"}
   *     or {@code "/hubs/.*"}
   * @return the fault
   * @throws java.util.regex.PatternSyntaxException if regex is not a regular expression
   */
  public Fault onPath(String regex) {
    return new Fault(
        kind,
        status,
        message,
        retryAfter,
        delay,
        bytes,
        times,
        Pattern.compile(regex),
        method,
        period);
  }

  /**
   * A copy that applies only to requests with this method, such as {@code "POST"}: a fault on the
   * writes of a path and not its reads. A {@link #closedBeforeResponse()} on a write drops the
   * connection after the write was done, as a network failure after the server acted would.
   *
   * @param method the HTTP method, in any case
   * @return the fault
   */
  public Fault onMethod(String method) {
    return new Fault(
        kind,
        status,
        message,
        retryAfter,
        delay,
        bytes,
        times,
        path,
        Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT),
        period);
  }

  Kind kind() {
    return kind;
  }

  int status() {
    return status;
  }

  String message() {
    return Objects.requireNonNull(message);
  }

  @Nullable String retryAfter() {
    return retryAfter;
  }

  Duration delay() {
    return delay;
  }

  int bytes() {
    return bytes;
  }

  int times() {
    return times;
  }

  /** How long the fault lasts from the first request it meets; zero when it is counted instead. */
  Duration period() {
    return period;
  }

  boolean matches(String requestMethod, String requestPath) {
    return (method == null || method.equals(requestMethod))
        && (path == null || path.matcher(requestPath).matches());
  }

  /** The answer of a {@code STATUS} fault: the service's error body, and its Retry-After. */
  Reply reply(String requestId) {
    String providerMessage = status == 502 || status == 429 ? "Provider said: " + message() : null;
    Reply reply = Reply.json(status, Json.error(requestId, message(), providerMessage));
    return retryAfter == null ? reply : reply.with(Map.of("Retry-After", retryAfter));
  }

  /**
   * Writes a response's body as this fault has it arrive: late, cut short, cut off with the
   * connection, or trickled. The status and headers are set already.
   */
  Mono<Void> write(HttpServerResponse response, byte[] body) {
    return switch (kind) {
      case LATENCY -> Mono.delay(delay).then(Reply.sendWhole(response, body));
      case TRUNCATED_BODY ->
          Reply.sendWhole(response, Arrays.copyOf(body, Math.min(bytes, body.length)));
      case DROPPED_CONNECTION -> {
        response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
        // Take the channel now: once the send completes, the response lets go of it.
        List<Channel> channel = new ArrayList<>(1);
        response.withConnection(connection -> channel.add(connection.channel()));
        yield response
            // A Flux, not a Mono: Reactor Netty writes a Mono body as one full message.
            .sendByteArray(Flux.just(Arrays.copyOf(body, Math.min(bytes, body.length))))
            .then()
            .doFinally(signal -> channel.forEach(Fault::drop));
      }
      case CLOSED_BEFORE_RESPONSE -> {
        response.withConnection(connection -> drop(connection.channel()));
        yield Mono.empty();
      }
      case TRICKLE -> {
        int chunk = bytes;
        yield response
            .sendByteArray(
                Flux.range(0, (body.length + chunk - 1) / chunk)
                    .delayElements(delay)
                    .map(
                        i ->
                            Arrays.copyOfRange(
                                body, i * chunk, Math.min(body.length, (i + 1) * chunk))))
            .then();
      }
      default -> Reply.sendWhole(response, body);
    };
  }

  @SuppressWarnings("FutureReturnValueIgnored") // dropping the connection is the fault: done
  private static void drop(Channel channel) {
    channel.close();
  }

  private static Duration positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + duration);
    }
    return duration;
  }

  private static int notNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  private static String defaultMessage(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Invalid Organization or User secret, or invalid Element token provided.";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway: the provider failed";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error " + status;
    };
  }

  /**
   * Describes the fault and its scope.
   *
   * @return for example {@code "Fault[STATUS 503, times=2, path=/instances]"}
   */
  @Override
  public String toString() {
    String what =
        switch (kind) {
          case STATUS ->
              "STATUS " + status + (retryAfter == null ? "" : " Retry-After " + retryAfter);
          case LATENCY -> "LATENCY " + delay;
          case TRUNCATED_BODY, DROPPED_CONNECTION -> kind + " after " + bytes + " bytes";
          case CLOSED_BEFORE_RESPONSE -> kind.toString();
          case TRICKLE -> "TRICKLE " + bytes + " bytes every " + delay;
        };
    return "Fault["
        + what
        + ", times="
        + (!period.isZero() ? "during " + period : times == ALWAYS ? "always" : times)
        + (path == null ? "" : ", path=" + path)
        + (method == null ? "" : ", method=" + method)
        + "]";
  }
}
