package io.github.openconnectors.reactor;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request to Open Connectors failed. Subclasses say how: {@link AuthenticationException} (401),
 * {@link ForbiddenException} (403), {@link NotFoundException} (404), {@link RateLimitedException}
 * (429), {@link ServerException} (5xx), {@link ProtocolException} (a response the client cannot
 * read) and {@link ConnectionException} (no response at all); other statuses give this class.
 *
 * <p>The message names the method, the URL tried (the base URL and the path, with the query's names
 * but never their values), the status, the service's message and its request id: for example {@code
 * "GET https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2/instances (query:
 * pageSize): 404 Not Found: No instance found with id 42 (request 5c0e...)"}. It never holds a
 * secret, and what came from the service is escaped: line breaks and other control characters show
 * as escapes such as {@code \n} (ESC as a backslash, {@code u} and its four hex digits), so that a
 * message cannot forge a log line or rewrite a terminal. {@link #serviceMessage()} and {@link
 * #providerMessage()} give the service's text as it was sent.
 *
 * <p>The hierarchy is sealed: a {@code switch} over these classes is exhaustive. {@link
 * #isTransient()} says whether trying again may help, and {@link #retryAfter()} how long the server
 * asked to wait; {@link RetryPolicy} retries by these two. In a test, {@link #create} makes the
 * exception the client raises for a given response.
 */
public sealed class OpenConnectorsException extends RuntimeException
    permits AuthenticationException,
        ConflictException,
        ConnectionException,
        ForbiddenException,
        NotFoundException,
        ProtocolException,
        RateLimitedException,
        ServerException,
        UnsupportedMediaTypeException {

  private static final long serialVersionUID = 1L;

  /** The HTTP method. */
  private final String method;

  /** The path, without the query. */
  private final String path;

  /** The HTTP status, or 0 when there was no response. */
  private final int status;

  /** The service's request id, when known. */
  private final @Nullable String requestId;

  /** The service's message, when it sent one. */
  private final @Nullable String serviceMessage;

  /** The provider's message, when the connected provider failed. */
  private final @Nullable String providerMessage;

  /** How long the server asked to wait before a retry, when it said so. */
  private final @Nullable Duration retryAfter;

  OpenConnectorsException(ErrorContext context, String problem, @Nullable Throwable cause) {
    super(
        describe(
            context.method(),
            context.target(),
            problem,
            context.serviceMessage(),
            context.providerMessage(),
            context.requestId()),
        cause);
    this.method = context.method();
    this.path = context.path();
    this.status = context.status();
    this.requestId = context.requestId();
    this.serviceMessage = context.serviceMessage();
    this.providerMessage = context.providerMessage();
    this.retryAfter = context.retryAfter();
  }

  private static String describe(
      String method,
      String target,
      String problem,
      @Nullable String serviceMessage,
      @Nullable String providerMessage,
      @Nullable String requestId) {
    StringBuilder message = new StringBuilder(method).append(' ').append(target).append(": ");
    message.append(problem);
    if (serviceMessage != null && !serviceMessage.isEmpty()) {
      message.append(": ").append(serviceMessage);
    }
    if (providerMessage != null && !providerMessage.isEmpty()) {
      // What the connected provider said: the service's own field, never a body of ours.
      message.append(" (provider: ").append(providerMessage).append(')');
    }
    if (requestId != null) {
      message.append(" (request ").append(requestId).append(')');
    }
    // The service's message, request id and reason phrase are its own text: a line break or an
    // escape sequence in them must not forge a log line or rewrite a terminal.
    return Objects.requireNonNull(Messages.escapeControls(message.toString()));
  }

  /**
   * Whether the same request may succeed if tried again later: a connection failure (except TLS
   * refusing the server), 429, 502, 503 and 504. These are what {@link RetryPolicy} retries.
   *
   * @return whether a retry can help
   */
  public boolean isTransient() {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /** The server's {@code Retry-After}, for the retry policy. */
  @Nullable Duration retryAfterHint() {
    return retryAfter;
  }

  /**
   * How long the server asked to wait before trying again, from its {@code Retry-After} header
   * (seconds or an HTTP date), whatever the status: a 429, and a 503 that says when to come back.
   * {@link RetryPolicy} waits that long (up to its {@code maxRetryAfter}) before a retry.
   *
   * @return the wait, or empty when the header was absent, in the past or unreadable
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * The exception the client raises for a response with this status, for an application's tests:
   * {@link AuthenticationException} for 401, {@link ForbiddenException} for 403, {@link
   * NotFoundException} for 404, {@link RateLimitedException} for 429, {@link ServerException} for
   * 5xx, this class for the other statuses from 400; {@link ConnectionException} (transient) for 0,
   * no response; {@link ProtocolException} for a status below 400, a response whose body could not
   * be read. The message is the client's, except that it names the path alone where the client
   * names the base URL too: for example {@code "GET /instances/42: 404 Not Found: No instance found
   * (request r-1)"}.
   *
   * @param method the HTTP method, such as {@code "GET"}
   * @param path the path relative to the base URL, without the query
   * @param status the HTTP status, or 0 for no response
   * @param requestId the service's request id, or null
   * @param serviceMessage the {@code message} of the service's error body, or null
   * @param providerMessage the {@code providerMessage} of the error body, or null
   * @param retryAfter the server's {@code Retry-After}, or null
   * @return the exception, never thrown by this method
   * @throws IllegalArgumentException if the status is negative or above 599
   */
  public static OpenConnectorsException create(
      String method,
      String path,
      int status,
      @Nullable String requestId,
      @Nullable String serviceMessage,
      @Nullable String providerMessage,
      @Nullable Duration retryAfter) {
    if (status < 0 || status > 599) {
      throw new IllegalArgumentException("status must be from 0 to 599, was " + status);
    }
    ErrorContext context =
        new ErrorContext(
            Objects.requireNonNull(method, "method"),
            Objects.requireNonNull(path, "path"),
            path,
            status,
            requestId,
            serviceMessage,
            providerMessage,
            retryAfter);
    if (status == 0) {
      return new ConnectionException(context, "no response", null, true, true);
    }
    if (status < 400) {
      return new ProtocolException(context, "the response could not be read", null);
    }
    return forStatus(context, status + " " + HttpResponseStatus.valueOf(status).reasonPhrase());
  }

  /** The exception for a refusal by status: the one mapping of statuses to classes. */
  static OpenConnectorsException forStatus(ErrorContext failed, String problem) {
    return switch (failed.status()) {
      case 401 -> new AuthenticationException(failed, problem, null);
      case 403 -> new ForbiddenException(failed, problem, null);
      case 404 -> new NotFoundException(failed, problem, null);
      case 409 -> new ConflictException(failed, problem, null);
      case 415 -> new UnsupportedMediaTypeException(failed, problem, null);
      case 429 -> new RateLimitedException(failed, problem, null);
      default ->
          failed.status() >= 500
              ? new ServerException(failed, problem, null)
              : new OpenConnectorsException(failed, problem, null);
    };
  }

  /**
   * The HTTP method of the failed request.
   *
   * @return for example {@code "GET"}
   */
  public String method() {
    return method;
  }

  /**
   * The path of the failed request, relative to the base URL, without the query (whose values may
   * be secret); the message names the query's parameters.
   *
   * @return for example {@code "/instances"}
   */
  public String path() {
    return path;
  }

  /**
   * The HTTP status of the response.
   *
   * @return the status, or 0 when no response arrived
   */
  public int status() {
    return status;
  }

  /**
   * The service's {@code Elements-Request-Id} (or the body's {@code requestId}).
   *
   * @return the request id, when the response had one
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * The {@code message} of the service's error body.
   *
   * @return the message, when the body had one
   */
  public Optional<String> serviceMessage() {
    return Optional.ofNullable(serviceMessage);
  }

  /**
   * The {@code providerMessage} of the service's error body: what the connected provider said.
   *
   * @return the provider's message, when the body had one
   */
  public Optional<String> providerMessage() {
    return Optional.ofNullable(providerMessage);
  }
}
