package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends requests (reads and writes with credentials, and the log-in's POST without): credentials
 * taken afresh for every attempt, only the parts the request kind needs, retries by the policy (for
 * a write, only of attempts the server surely did not act on, unless the caller declared the write
 * idempotent), bodies decoded as they arrive, failures turned by {@link Failures} into {@link
 * OpenConnectorsException}s that never hold a secret, each exchange reported to the {@link
 * Instrumentation}.
 */
final class Requests {

  static final String REQUEST_ID = "Elements-Request-Id";

  private static final String JSON = "application/json";

  private final HttpClient http;
  private final CredentialsProvider credentials;
  private final JsonMapper mapper;
  // Made with the client, off the event loops: resolving a deserializer first takes a lock.
  private final ObjectReader trees;
  private final RetryPolicy retry;
  private final long maxItemBytes;
  private final Failures failures;
  private final Instrumentation instrumentation;
  private final Pacing pacing;

  Requests(
      HttpClient http,
      URI baseUrl,
      CredentialsProvider credentials,
      JsonMapper mapper,
      RetryPolicy retry,
      long maxItemBytes,
      Duration responseTimeout,
      Instrumentation instrumentation,
      Pacing pacing) {
    // Set on the request from the subscriber's context, not by http.headers(...) per request,
    // which copies the client's whole configuration and its headers every time.
    this.http = http.doOnRequest(RequestHeaders::addTo);
    this.credentials = credentials;
    this.mapper = mapper;
    this.trees = itemReader(mapper.readerFor(JsonNode.class));
    this.retry = retry;
    this.maxItemBytes = maxItemBytes;
    this.failures = new Failures(trees, responseTimeout, baseUrl);
    this.instrumentation = instrumentation;
    this.pacing = pacing;
  }

  /** The copies share their original's failures: the same base URL, reader and timeout. */
  private Requests(
      HttpClient http,
      CredentialsProvider credentials,
      JsonMapper mapper,
      ObjectReader trees,
      RetryPolicy retry,
      long maxItemBytes,
      Instrumentation instrumentation,
      Pacing pacing,
      Failures failures) {
    this.http = http;
    this.credentials = credentials;
    this.mapper = mapper;
    this.trees = trees;
    this.retry = retry;
    this.maxItemBytes = maxItemBytes;
    this.failures = failures;
    this.instrumentation = instrumentation;
    this.pacing = pacing;
  }

  /** The same transport with other credentials: the connector API's, for one instance. */
  Requests withCredentials(CredentialsProvider other) {
    return new Requests(
        http, other, mapper, trees, retry, maxItemBytes, instrumentation, pacing, failures);
  }

  /** The same transport, its requests paced otherwise: a connector instance's, within its own. */
  Requests withPacing(UnaryOperator<Pacing> change) {
    return new Requests(
        http,
        credentials,
        mapper,
        trees,
        retry,
        maxItemBytes,
        instrumentation,
        change.apply(pacing),
        failures);
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
    ErrorContext context = failures.sending("POST", uri);
    return exchange(
        http.headers(
                headers -> {
                  headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json");
                  exchange.addHeaders(headers);
                })
            .post()
            .uri(uri.value())
            .send((request, outbound) -> outbound.sendByteArray(Mono.just(body))),
        context,
        exchange,
        (ok, okBody) ->
            decode(okBody, JsonItemDecoder.forObject(trees, maxItemBytes, reader), null));
  }

  /**
   * Sends a request and maps what comes back: a 2xx to {@code onSuccess}, anything else, and any
   * failure before or while reading, to an {@link OpenConnectorsException}. Whether a response had
   * started when a failure came decides which: the bookkeeping of every request, in one place.
   */
  private <T> Flux<T> exchange(
      HttpClient.ResponseReceiver<?> request,
      ErrorContext context,
      Instrumentation.Exchange exchange,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess) {
    return exchange(request, context, exchange, () -> true, true, onSuccess);
  }

  private <T> Flux<T> exchange(
      HttpClient.ResponseReceiver<?> request,
      ErrorContext context,
      Instrumentation.Exchange exchange,
      BooleanSupplier sent,
      boolean answersWithJson,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess) {
    AtomicBoolean responded = new AtomicBoolean();
    ConnectionLoopCancel cancel = new ConnectionLoopCancel();
    return request
        .response(
            (response, body) -> {
              responded.set(true);
              cancel.responded(response);
              exchange.responded(
                  response.status().code(), response.responseHeaders().get(REQUEST_ID));
              return respond(response, body, context, answersWithJson, onSuccess);
            })
        .cancelOn(cancel.scheduler())
        .onErrorMap(
            failure -> !(failure instanceof OpenConnectorsException),
            failure -> Failures.transport(failure, responded.get(), sent.getAsBoolean(), context));
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
    return call(Call.get(kind, uri), (response, body) -> decodeObject(body, reader)).single();
  }

  /**
   * Sends a JSON body ({@code POST}, {@code PATCH}, {@code PUT}) and reads the JSON object
   * answered; empty when the answer is a 204 without a body.
   */
  <T> Mono<T> write(
      String method,
      ApiKind kind,
      RequestUri uri,
      byte[] json,
      boolean idempotent,
      Function<JsonParser, T> reader) {
    return call(
            new Call(method, kind, uri, json, idempotent, true),
            (response, body) -> decodeObject(body, reader))
        .singleOrEmpty();
  }

  /** Sends a {@code DELETE}; whatever body comes back is read to its end and dropped. */
  Mono<Void> delete(ApiKind kind, RequestUri uri, boolean idempotent) {
    return call(
            new Call("DELETE", kind, uri, null, idempotent, false),
            (response, body) -> body.then().thenMany(Flux.<Void>empty()))
        .then();
  }

  /** The JSON of a write's body, written by the client's mapper. */
  byte[] json(Object body) {
    try {
      return mapper.writeValueAsBytes(body);
    } catch (JacksonException e) {
      // Jackson's message may quote a value of the body: name the type only.
      throw new IllegalArgumentException(
          "the body cannot be written as JSON: " + body.getClass().getName(), null);
    }
  }

  private <T> Flux<T> decodeObject(ByteBufFlux body, Function<JsonParser, T> reader) {
    return decode(body, JsonItemDecoder.forObject(trees, maxItemBytes, reader), null);
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
    return call(
        Call.get(kind, uri),
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

  /**
   * One call, as many attempts as the policy allows. A read, or a write declared idempotent, is
   * retried on any failure the policy retries; any other write only when the server surely did not
   * act on it: it was never sent ({@link ConnectionException#requestSent()} false) or refused with
   * a {@code Retry-After} (a 429, refused before processing). The 401 re-send with new credentials
   * is safe for every call: the server refused it.
   */
  private <T> Flux<T> call(
      Call call, BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess) {
    Flux<T> attempts = Flux.defer(() -> attempt(call, onSuccess, null, null));
    return attempts.retryWhen(
        call.idempotent()
            ? retry.toRetry(instrumentation::retrying)
            : retry.toRetry(instrumentation::retrying, RetryPolicy::surelyNotDone));
  }

  /**
   * What is sent: the method, the kind of credentials, the path and query, a JSON body (null for
   * none), whether it may be sent again after it may have reached the server, and whether a 2xx
   * answer must be JSON (a DELETE's body, whatever it is, is dropped).
   */
  @SuppressWarnings("ArrayRecordComponent") // sent, never compared or hashed
  private record Call(
      String method,
      ApiKind kind,
      RequestUri uri,
      byte @Nullable [] body,
      boolean idempotent,
      boolean answersWithJson) {

    static Call get(ApiKind kind, RequestUri uri) {
      return new Call("GET", kind, uri, null, true, true);
    }
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
      Call call,
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
                instrumentation.resendingAfterUnauthorized(call.kind());
              }
              return send(call, onSuccess, current)
                  .onErrorResume(
                      refused ->
                          refusedBefore == null && refused instanceof AuthenticationException,
                      refused -> {
                        credentials.invalidate(current);
                        return attempt(call, onSuccess, (AuthenticationException) refused, current);
                      });
            });
  }

  private <T> Flux<T> send(
      Call call,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess,
      Credentials current) {
    // Every attempt waits for its turn in the rate budget; a 429 holds back the scope's other
    // requests too, not only this one's retry.
    return pacing
        .beforeSending()
        .thenMany(
            observed(
                call.method(),
                call.uri(),
                call.kind(),
                exchange -> send(call, onSuccess, current, exchange)))
        .onErrorResume(
            RateLimitedException.class,
            refused -> pacing.refused(refused).then(Mono.error(refused)));
  }

  private <T> Flux<T> send(
      Call call,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess,
      Credentials current,
      Instrumentation.Exchange exchange) {
    ErrorContext context = failures.sending(call.method(), call.uri());
    byte[] body = call.body();
    RequestHeaders headers =
        new RequestHeaders(
            current.authorizationFor(call.kind()).value(), body == null ? null : JSON, exchange);
    HttpClient.RequestSender request =
        http.request(HttpMethod.valueOf(call.method())).uri(call.uri().value());
    HttpClient.ResponseReceiver<?> sending =
        body == null
            ? request
            : request.send((ignored, outbound) -> outbound.sendByteArray(Mono.just(body)));
    return exchange(sending, context, exchange, headers::sent, call.answersWithJson(), onSuccess)
        .contextWrite(headers.context());
  }

  private <T> Flux<T> respond(
      HttpClientResponse response,
      ByteBufFlux body,
      ErrorContext context,
      boolean answersWithJson,
      BiFunction<HttpClientResponse, ByteBufFlux, Flux<T>> onSuccess) {
    int status = response.status().code();
    HttpHeaders headers = response.responseHeaders();
    ErrorContext answered = context.withStatus(status, headers.get(REQUEST_ID));
    if (status == 204) {
      // No content: read to the end, so the connection is reusable.
      return body.then().thenMany(Flux.empty());
    }
    if (status >= 200 && status < 300) {
      String type = headers.get(HttpHeaderNames.CONTENT_TYPE);
      if (answersWithJson && (type == null || !type.toLowerCase(Locale.ROOT).contains("json"))) {
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
              failure -> failures.body(failure, answered));
    }
    String reason = response.status().reasonPhrase();
    return body.asByteArray()
        .collect(BoundedBytes::new, BoundedBytes::add)
        .flatMapMany(
            bytes -> Flux.error(failures.refused(answered, reason, headers, bytes.bytes())));
  }
}
