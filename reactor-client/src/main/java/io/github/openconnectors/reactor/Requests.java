package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests (GETs with credentials, and the log-in's POST without): credentials taken afresh
 * for every attempt, only the parts the request kind needs, retries by the policy, bodies decoded
 * as they arrive, failures turned into {@link OpenConnectorsException}s that never hold a secret,
 * each exchange reported to the {@link Instrumentation}.
 */
final class Requests {

  static final String REQUEST_ID = "Elements-Request-Id";

  private final HttpClient http;
  private final CredentialsProvider credentials;
  private final JsonMapper mapper;
  // Made with the client, off the event loops: resolving a deserializer first takes a lock.
  private final ObjectReader trees;
  private final RetryPolicy retry;
  private final long maxItemBytes;
  private final Duration responseTimeout;
  private final Instrumentation instrumentation;

  Requests(
      HttpClient http,
      CredentialsProvider credentials,
      JsonMapper mapper,
      RetryPolicy retry,
      long maxItemBytes,
      Duration responseTimeout,
      Instrumentation instrumentation) {
    this(
        // Set on the request from the subscriber's context, not by http.headers(...) per request,
        // which copies the client's whole configuration and its headers every time.
        http.doOnRequest(RequestHeaders::addTo),
        credentials,
        mapper,
        itemReader(mapper.readerFor(JsonNode.class)),
        retry,
        maxItemBytes,
        responseTimeout,
        instrumentation);
  }

  private Requests(
      HttpClient http,
      CredentialsProvider credentials,
      JsonMapper mapper,
      ObjectReader trees,
      RetryPolicy retry,
      long maxItemBytes,
      Duration responseTimeout,
      Instrumentation instrumentation) {
    this.http = http;
    this.credentials = credentials;
    this.mapper = mapper;
    this.trees = trees;
    this.retry = retry;
    this.maxItemBytes = maxItemBytes;
    this.responseTimeout = responseTimeout;
    this.instrumentation = instrumentation;
  }

  /** The same transport with other credentials: the connector API's, for one instance. */
  Requests withCredentials(CredentialsProvider other) {
    return new Requests(
        http, other, mapper, trees, retry, maxItemBytes, responseTimeout, instrumentation);
  }

  /**
   * A reader of {@code type}: call it when a request is assembled, not on an event loop, since
   * resolving the type's deserializer takes a lock the first time.
   */
  ObjectReader readerFor(Class<?> type) {
    return itemReader(mapper.readerFor(type));
  }

  /**
   * A reader of one item of a body: the item's parser goes on to the next item after it, which is
   * no trailing token.
   */
  private static ObjectReader itemReader(ObjectReader reader) {
    return reader.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * POST a JSON body without credentials and read one JSON object: the log-in. Never retried: a
   * POST is not a GET. The body is never logged (the wiretap logs no bodies).
   */
  <T> Mono<T> postWithoutCredentials(RequestUri uri, byte[] body, Function<JsonParser, T> reader) {
    return observed(
            "POST", uri, null, exchange -> postWithoutCredentials(uri, body, reader, exchange))
        .single();
  }

  private <T> Flux<T> postWithoutCredentials(
      RequestUri uri,
      byte[] body,
      Function<JsonParser, T> reader,
      Instrumentation.Exchange exchange) {
    ErrorContext context = ErrorContext.noResponse("POST", uri.safePath());
    AtomicBoolean responded = new AtomicBoolean();
    return http.headers(
            headers -> {
              headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
              exchange.addHeaders(headers);
            })
        .post()
        .uri(uri.value())
        .send((request, outbound) -> outbound.sendByteArray(Mono.just(body)))
        .response(
            (response, received) -> {
              responded.set(true);
              exchange.responded(
                  response.status().code(), response.responseHeaders().get(REQUEST_ID));
              return respond(
                  response,
                  received,
                  context,
                  (ok, okBody) ->
                      decode(okBody, JsonItemDecoder.forObject(trees, maxItemBytes, reader), null));
            })
        .onErrorMap(
            failure -> !(failure instanceof OpenConnectorsException),
            failure -> transportFailure(failure, responded.get(), context));
  }

  /**
   * One exchange, observed if the instrumentation observes: started at subscription, ended when it
   * completes, fails or is cancelled. Without observation, nothing is added to the request.
   */
  private <T> Flux<T> observed(
      String method,
      RequestUri uri,
      @Nullable ApiKind kind,
      Function<Instrumentation.Exchange, Flux<T>> exchangeWith) {
    if (!instrumentation.observesExchanges()) {
      return exchangeWith.apply(Instrumentation.Exchange.NONE);
    }
    return Flux.deferContextual(
        context -> {
          Instrumentation.Exchange exchange = instrumentation.exchange(method, uri, kind, context);
          // Ended before the signal goes on, so that whoever sees the result sees it observed.
          return exchangeWith
              .apply(exchange)
              .doOnError(exchange::failed)
              .doOnTerminate(exchange::end)
              .doOnCancel(exchange::end);
        });
  }

  /** GET one JSON object. */
  <T> Mono<T> getObject(ApiKind kind, RequestUri uri, Function<JsonParser, T> reader) {
    return get(
            kind,
            uri,
            (response, body) ->
                decode(body, JsonItemDecoder.forObject(trees, maxItemBytes, reader), null))
        .single();
  }

  /**
   * GET a JSON array, its items streamed as they arrive; {@code onHeaders} sees the response
   * headers before the first item.
   */
  <T> Flux<T> getArray(
      ApiKind kind,
      RequestUri uri,
      Function<HttpHeaders, Mono<Void>> onHeaders,
      Function<JsonParser, T> reader) {
    return get(
        kind,
        uri,
        (response, body) ->
            onHeaders
                .apply(response.responseHeaders())
                .thenMany(
                    decode(body, JsonItemDecoder.forArray(trees, maxItemBytes, reader), uri)));
  }

  /** Reads one item as a tree. */
  JsonNode tree(JsonParser item) {
    return trees.readValue(item);
  }

  /** Decodes a body; a listing's ({@code listing} not null) items and page are counted. */
  private <T> Flux<T> decode(
      ByteBufFlux body, JsonItemDecoder<T> decoder, @Nullable RequestUri listing) {
    // Reactor Netty releases each chunk once onNext returns, so a chunk must be decoded inside
    // onNext, never queued as bytes: concatMap without prefetch applies the decoder as the chunk
    // arrives, and asks for the next chunk only once this one's items have all gone downstream.
    // Memory stays at one chunk's items; a failure comes after the items decoded before it.
    return body.concatMap(chunk -> Flux.fromIterable(counted(decoder.feed(chunk), listing)), 0)
        .concatWith(
            Flux.defer(
                () -> {
                  List<T> last = counted(decoder.end(), listing);
                  if (listing != null) {
                    instrumentation.pageRead(listing);
                  }
                  return Flux.fromIterable(last);
                }));
  }

  private <T> List<T> counted(List<T> items, @Nullable RequestUri listing) {
    if (listing != null) {
      instrumentation.itemsRead(listing, items.size());
    }
    return items;
  }

  private <T> Flux<T> get(
      ApiKind kind,
      RequestUri uri,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess) {
    return Flux.defer(() -> attempt(kind, uri, onSuccess, null, null))
        .retryWhen(retry.toRetry(instrumentation::retrying));
  }

  /**
   * One attempt with the provider's current credentials. A 401 invalidates exactly those
   * credentials and re-sends once with the provider's next ones (a rotated secret, a new log-in, a
   * re-resolved instance token); a second 401 is the caller's {@link AuthenticationException}. The
   * 401's body has been read to its end before the re-send. The request is re-sent only if the
   * provider hands back different credentials: the same ones (fixed credentials, an instance token
   * that did not change) would only be refused again, so the caller gets the 401 at once. If the
   * credentials for the re-send cannot be found because what they belong to is gone (a deleted
   * instance, whose token cannot be resolved any more), the caller gets the 401, with that lookup's
   * failure suppressed in it.
   */
  private <T> Flux<T> attempt(
      ApiKind kind,
      RequestUri uri,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess,
      @Nullable AuthenticationException refusedBefore,
      @Nullable Credentials refusedWith) {
    return credentials
        .credentials()
        .switchIfEmpty(
            Mono.error(
                () ->
                    new IllegalStateException(
                        "the credentials provider completed without credentials")))
        .onErrorMap(
            gone -> refusedBefore != null && gone instanceof NotFoundException,
            gone -> {
              Objects.requireNonNull(refusedBefore).addSuppressed(gone);
              return refusedBefore;
            })
        .flatMapMany(
            current -> {
              if (current.equals(refusedWith)) {
                return Flux.error(Objects.requireNonNull(refusedBefore));
              }
              if (refusedWith != null) {
                instrumentation.resendingAfterUnauthorized(kind);
              }
              return send(kind, uri, onSuccess, current)
                  .onErrorResume(
                      refused ->
                          refusedBefore == null && refused instanceof AuthenticationException,
                      refused -> {
                        credentials.invalidate(current);
                        return attempt(
                            kind, uri, onSuccess, (AuthenticationException) refused, current);
                      });
            });
  }

  private <T> Flux<T> send(
      ApiKind kind,
      RequestUri uri,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess,
      Credentials current) {
    return observed("GET", uri, kind, exchange -> send(kind, uri, onSuccess, current, exchange));
  }

  private <T> Flux<T> send(
      ApiKind kind,
      RequestUri uri,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess,
      Credentials current,
      Instrumentation.Exchange exchange) {
    ErrorContext context = ErrorContext.noResponse("GET", uri.safePath());
    String authorization = current.authorizationFor(kind).value();
    AtomicBoolean responded = new AtomicBoolean();
    return http.get()
        .uri(uri.value())
        .response(
            (response, body) -> {
              responded.set(true);
              exchange.responded(
                  response.status().code(), response.responseHeaders().get(REQUEST_ID));
              return respond(response, body, context, onSuccess);
            })
        .onErrorMap(
            failure -> !(failure instanceof OpenConnectorsException),
            failure -> transportFailure(failure, responded.get(), context))
        .contextWrite(RequestHeaders.of(authorization, exchange));
  }

  private <T> Flux<T> respond(
      HttpClientResponse response,
      ByteBufFlux body,
      ErrorContext context,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess) {
    int status = response.status().code();
    HttpHeaders headers = response.responseHeaders();
    ErrorContext answered = context.withStatus(status, headers.get(REQUEST_ID));
    if (status >= 200 && status < 300) {
      String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
      if (type == null || !type.toLowerCase(Locale.ROOT).contains("json")) {
        return body.then()
            .thenMany(
                Flux.error(
                    new ProtocolException(
                        answered, "expected a JSON body, got Content-Type " + type, null)));
      }
      return onSuccess
          .apply(response, body)
          .onErrorMap(
              failure -> !(failure instanceof OpenConnectorsException),
              failure -> bodyFailure(failure, answered));
    }
    String reason = response.status().reasonPhrase();
    return body.asByteArray()
        .collect(BoundedBytes::new, BoundedBytes::add)
        .flatMapMany(
            bytes -> Flux.error(statusFailure(answered, status, reason, headers, bytes.bytes())));
  }

  private OpenConnectorsException statusFailure(
      ErrorContext context, int status, String reason, HttpHeaders headers, byte[] body) {
    String requestId = context.requestId();
    String message = null;
    String providerMessage = null;
    try {
      JsonNode error = body.length == 0 ? null : trees.readValue(body);
      if (error != null && error.isObject()) {
        message = error.path("message").isString() ? error.path("message").asString() : null;
        providerMessage =
            error.path("providerMessage").isString()
                ? error.path("providerMessage").asString()
                : null;
        if (requestId == null && error.path("requestId").isString()) {
          requestId = error.path("requestId").asString();
        }
      }
    } catch (JacksonException notJson) {
      // An error body that is not the service's JSON: the status says enough.
    }
    Duration retryAfter =
        RetryAfter.parse(
            headers.get(HttpHeaderNames.RETRY_AFTER),
            Schedulers.parallel().now(TimeUnit.MILLISECONDS));
    ErrorContext failed =
        new ErrorContext(
            context.method(),
            context.path(),
            status,
            requestId,
            message,
            providerMessage,
            retryAfter);
    String problem = status + " " + reason;
    return OpenConnectorsException.forStatus(failed, problem);
  }

  /** A failure while reading a 2xx body: never retried, since items may have been emitted. */
  private OpenConnectorsException bodyFailure(Throwable failure, ErrorContext context) {
    if (failure instanceof JsonItemDecoder.BodyException
        || failure instanceof Paging.RepeatedCursor) {
      return new ProtocolException(context, failure.getMessage(), null);
    }
    if (failure instanceof JacksonException json) {
      // Jackson's own message quotes the body, which may hold an instance token: keep only where.
      TokenStreamLocation where = json.getLocation();
      return new ProtocolException(
          context,
          "the body is not valid JSON"
              + (where == null
                  ? ""
                  : " at line " + where.getLineNr() + ", column " + where.getColumnNr()),
          null);
    }
    if (failure instanceof PrematureCloseException) {
      return new ProtocolException(
          context, "the connection closed before the body was complete", failure);
    }
    if (failure instanceof ReadTimeoutException) {
      return new ProtocolException(
          context, "the body stopped arriving: nothing for " + responseTimeout, failure);
    }
    return new ProtocolException(
        context, "the body could not be read: " + failure.getClass().getSimpleName(), failure);
  }

  /**
   * A failure before any response: retried by the policy, unless it is TLS refusing the server (a
   * handshake or certificate failure), which no retry can mend.
   */
  private static OpenConnectorsException transportFailure(
      Throwable failure, boolean responded, ErrorContext context) {
    if (responded) {
      return new ProtocolException(
          context, "the response failed: " + failure.getClass().getSimpleName(), failure);
    }
    SSLException tls = tlsFailure(failure);
    if (tls != null) {
      String problem =
          tls instanceof NotSslRecordException
              ? "the TLS handshake failed: the server did not answer in TLS (is it plain http?)"
              : "the TLS handshake failed: "
                  + tls.getClass().getSimpleName()
                  + describe(tls.getMessage());
      return new ConnectionException(context, problem, failure, false);
    }
    String problem =
        failure instanceof ReadTimeoutException
            ? "no response in time"
            : "no response: " + failure.getClass().getSimpleName() + describe(failure.getMessage());
    return new ConnectionException(context, problem, failure, true);
  }

  private static @Nullable SSLException tlsFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLException tls) {
        return tls;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static String describe(@Nullable String message) {
    return message == null ? "" : " (" + message + ")";
  }
}
