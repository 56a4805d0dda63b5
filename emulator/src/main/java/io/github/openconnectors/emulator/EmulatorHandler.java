package io.github.openconnectors.emulator;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.AuthorizationHeader;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** Serves every request: faults, authentication, routing, the journal, and the reply's bytes. */
final class EmulatorHandler
    implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

  static final String BASE_PATH = "/elements/api-v2";

  /** The largest log-in body read: a username and a password fit many times over. */
  static final int MAX_LOG_IN_BODY = 64 * 1024;

  /** The largest record body read for a write. */
  static final int MAX_RECORD_BODY = 1024 * 1024;

  static final String REQUEST_ID = "Elements-Request-Id";

  static final String INVALID_CREDENTIALS =
      "Invalid Organization or User secret, or invalid Element token provided.";

  private final Tenant tenant;
  private final InstanceCatalog catalog;
  private final Pages pages;
  private final Hubs hubs;
  private final FaultQueue faults;
  private final Journal journal;
  private final EventsApi eventsApi;
  private final @Nullable RateLimit rateLimit;
  private final long requestIdPrefix;
  private final AtomicLong requestCount = new AtomicLong();
  private final AuthenticationApi authentication;
  private final Routes<Call> routes;

  EmulatorHandler(
      Tenant tenant,
      InstanceCatalog catalog,
      Cursors cursors,
      FaultQueue faults,
      Journal journal,
      EventLog events,
      EventDeliveries deliveries,
      @Nullable RateLimit rateLimit,
      long seed) {
    this.tenant = tenant;
    this.catalog = catalog;
    this.pages = new Pages(cursors);
    this.hubs = new Hubs(new ConnectorRecords(), pages);
    this.faults = faults;
    this.journal = journal;
    this.eventsApi = new EventsApi(events, deliveries, pages);
    this.rateLimit = rateLimit;
    this.requestIdPrefix = seed * 0x9E3779B97F4A7C15L;
    this.authentication = new AuthenticationApi(tenant);
    this.routes = routes();
  }

  @Override
  public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
    String requestId = new UUID(requestIdPrefix, requestCount.incrementAndGet()).toString();
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    String method = request.method().name();
    String path =
        uri.path().startsWith(BASE_PATH + "/") ? uri.path().substring(BASE_PATH.length()) : null;
    Exchange exchange =
        new Exchange(
            method,
            path,
            uri.parameters(),
            request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION),
            requestId);
    Fault fault = path == null ? null : faults.take(method, path);
    long retryAfter = rateLimit == null ? 0 : rateLimit.take();
    Mono<Reply> reply =
        retryAfter > 0
            ? Mono.just(
                Reply.error(requestId, 429, "Rate limit exceeded for this organization")
                    .with(Map.of("Retry-After", Long.toString(retryAfter))))
            : fault != null && fault.kind() == Fault.Kind.STATUS
                ? Mono.just(fault.reply(exchange.requestId()))
                : Mono.defer(() -> route(exchange, request))
                    .onErrorResume(e -> Mono.just(internalError(exchange, e)));
    return reply.flatMap(
        answer -> {
          journal.record(
              new RecordedRequest(
                  method,
                  path == null ? uri.path() : path,
                  uri.parameters(),
                  exchange.fingerprints(),
                  answer.status(),
                  requestId));
          return send(response, answer, fault, requestId);
        });
  }

  private Mono<Reply> route(Exchange exchange, HttpServerRequest request) {
    if (!exchange.underBasePath()) {
      return Mono.just(
          error(
              exchange,
              404,
              "No resource at this path: the API is under "
                  + BASE_PATH
                  + "/, so a base URL ends in "
                  + BASE_PATH));
    }
    return routes.dispatch(
        exchange.method(),
        exchange.path(),
        new Call(exchange, request),
        allowed -> Mono.just(error(exchange, 405, "Method not allowed: use " + allowed)),
        () -> Mono.just(error(exchange, 404, "No resource at this path")));
  }

  /** A request as a route's handler gets it. */
  private record Call(Exchange exchange, HttpServerRequest request) {}

  private Routes<Call> routes() {
    return new Routes<Call>()
        .add(
            "GET", "/instances", (call, none) -> platform(call, () -> listInstances(call.exchange)))
        // Before /instances/{id}: the first route that matches serves.
        .add(
            "GET",
            "/instances/events",
            (call, none) -> platform(call, () -> eventsApi.list(call.exchange, null)))
        .add(
            "GET",
            "/instances/events/{eventId}",
            (call, id) -> platform(call, () -> eventsApi.event(call.exchange, id.get(0))))
        .add(
            "GET",
            "/instances/{id}/events",
            (call, id) ->
                platform(
                    call,
                    () ->
                        withInstance(
                            call.exchange,
                            id.get(0),
                            instance -> eventsApi.list(call.exchange, instance))))
        .add(
            "GET",
            "/instances/{id}",
            (call, id) -> platform(call, () -> instance(call.exchange, id.get(0))))
        .add("GET", "/hubs/**", (call, none) -> hubs(call))
        .add("POST", "/hubs/**", (call, none) -> hubs(call))
        .add("PATCH", "/hubs/**", (call, none) -> hubs(call))
        .add("PUT", "/hubs/**", (call, none) -> hubs(call))
        .add("DELETE", "/hubs/**", (call, none) -> hubs(call))
        .add("POST", "/authentication", (call, none) -> logIn(call))
        .add(
            "GET",
            "/authentication/secrets",
            (call, none) -> Mono.fromSupplier(() -> authentication.secrets(call.exchange)))
        .add(
            "POST",
            "/authentication/user-secret-reset",
            (call, none) -> platform(call, authentication::resetUserSecret))
        .add(
            "GET",
            "/organizations/me",
            (call, none) -> platform(call, authentication::organization));
  }

  private Mono<Reply> platform(Call call, Supplier<Reply> handler) {
    return Mono.fromSupplier(() -> platform(call.exchange, handler));
  }

  /** A connector request, its body (for a write) read first, up to a bound. */
  private Mono<Reply> hubs(Call call) {
    String method = call.exchange.method();
    String contentType = call.request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE);
    return method.equals("GET") || method.equals("DELETE")
        ? Mono.fromSupplier(() -> hubs(call.exchange, contentType, new byte[0]))
        : withBody(call, MAX_RECORD_BODY, "record", body -> hubs(call.exchange, contentType, body));
  }

  private Mono<Reply> logIn(Call call) {
    return withBody(
        call, MAX_LOG_IN_BODY, "log-in body", body -> authentication.logIn(call.exchange, body));
  }

  /** Answers a request from its body, or with 413 when the body is above {@code limit} bytes. */
  private static Mono<Reply> withBody(
      Call call, int limit, String what, Function<byte[], Reply> answer) {
    return RequestBodies.read(call.request, limit)
        .map(answer)
        .onErrorResume(
            RequestBodies.BodyTooLarge.class,
            tooLarge ->
                Mono.just(
                    error(
                        call.exchange,
                        413,
                        "The " + what + " is larger than " + limit + " bytes")));
  }

  // Authentication

  private Reply platform(Exchange exchange, Supplier<Reply> handler) {
    Reply refused = unparsable(exchange);
    if (refused != null) {
      return refused;
    }
    AuthorizationHeader header = exchange.header();
    if (header == null
        || !header.isSatisfiedBy(ApiKind.PLATFORM)
        || !tenant.authorizesPlatform(header)) {
      return error(exchange, 401, INVALID_CREDENTIALS);
    }
    return handler.get();
  }

  private @Nullable Reply unparsable(Exchange exchange) {
    if (exchange.headerError() != null) {
      return error(exchange, 401, exchange.headerError());
    }
    return null;
  }

  // Instances

  private Reply listInstances(Exchange exchange) {
    Map<String, List<String>> query = exchange.query();
    List<String> tags = query.getOrDefault("tags[]", List.of());
    String searchText = Pages.first(query, "searchText");
    boolean hydrate = "true".equalsIgnoreCase(Pages.first(query, "hydrate"));
    Predicate<EmulatedInstance> filter = instanceFilter(tags, searchText);
    String queryKey =
        Cursors.queryKey(
            "instances",
            new TreeSet<>(tags).toString(),
            String.valueOf(searchText),
            String.valueOf(hydrate));
    return pages.page(
        exchange.query(),
        exchange.requestId(),
        queryKey,
        (afterId, pageSize) -> {
          InstanceCatalog.Slice slice =
              catalog.slice(filter == null ? any -> true : filter, afterId, pageSize);
          List<EmulatedInstance> items = slice.items();
          long last = items.isEmpty() ? afterId : items.get(items.size() - 1).id();
          return new Pages.Content(
              Json.instances(items, hydrate),
              items.size(),
              slice.more() ? last : -1,
              () -> catalog.count(filter));
        },
        Map.of());
  }

  private static @Nullable Predicate<EmulatedInstance> instanceFilter(
      List<String> tags, @Nullable String searchText) {
    if (tags.isEmpty() && (searchText == null || searchText.isEmpty())) {
      return null;
    }
    String search = searchText == null ? "" : searchText.toLowerCase(Locale.ROOT);
    // An instance matches when it has every tag asked for, and its name or connector key holds the
    // text.
    return instance ->
        instance.tags().containsAll(tags)
            && (search.isEmpty()
                || instance.name().toLowerCase(Locale.ROOT).contains(search)
                || instance.element().key().toLowerCase(Locale.ROOT).contains(search));
  }

  private Reply instance(Exchange exchange, String idText) {
    return withInstance(
        exchange, idText, instance -> Reply.json(200, Json.instance(instance, true)));
  }

  /** The instance a path names: 400 for an id that is not a number, 404 for none. */
  private Reply withInstance(
      Exchange exchange, String idText, Function<EmulatedInstance, Reply> answer) {
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      return error(exchange, 400, "Invalid instance id: not a number");
    }
    EmulatedInstance instance = catalog.find(id);
    if (instance == null) {
      return error(exchange, 404, "No instance found with id " + id);
    }
    return answer.apply(instance);
  }

  // Connector API

  private Reply hubs(Exchange exchange, @Nullable String contentType, byte[] body) {
    Reply refused = unparsable(exchange);
    if (refused != null) {
      return refused;
    }
    AuthorizationHeader header = exchange.header();
    if (header == null || !header.isSatisfiedBy(ApiKind.CONNECTOR)) {
      return error(exchange, 401, INVALID_CREDENTIALS);
    }
    Credentials sent = header.credentials();
    InstanceToken token = sent.instanceToken().orElseThrow();
    // Both checks always run: no early exit tells which secret was wrong.
    boolean userRight = tenant.isUser(sent.userSecret().orElse(null));
    EmulatedInstance instance = catalog.findByToken(token);
    if (!userRight || instance == null) {
      return error(exchange, 401, INVALID_CREDENTIALS);
    }
    if (instance.disabled()) {
      return error(exchange, 403, "Instance " + instance.id() + " is disabled");
    }
    String hubPath = exchange.path().substring("/hubs/".length());
    Reply reply =
        hubs.handle(
            instance,
            new Hubs.Request(
                exchange.method(),
                hubPath,
                exchange.query(),
                exchange.requestId(),
                contentType,
                body));
    if (instance.eventNotifications().isPresent()
        && !exchange.method().equals("GET")
        && reply.status() < 300) {
      eventsApi.written(instance, exchange.method(), hubPath, reply);
    }
    return reply;
  }

  // Replies

  private static Reply error(Exchange exchange, int status, String message) {
    return Reply.error(exchange.requestId(), status, message);
  }

  private static Reply internalError(Exchange exchange, Throwable e) {
    return error(exchange, 500, "Emulator error: " + e.getClass().getSimpleName());
  }

  private static Mono<Void> send(
      HttpServerResponse response, Reply reply, @Nullable Fault fault, String requestId) {
    response.status(reply.status());
    response.header(REQUEST_ID, requestId);
    response.header(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
    reply.headers().forEach(response::header);
    return fault == null
        ? Reply.sendWhole(response, reply.body())
        : fault.write(response, reply.body());
  }
}
