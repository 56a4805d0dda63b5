package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.reactor.fleet.RateBudget;
import io.github.openconnectors.reactor.fleet.RequestRate;
import io.github.openconnectors.reactor.fleet.SharedCache;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * A non-blocking client of SAP Open Connectors.
 *
 * <pre>{@code
 * try (OpenConnectorsClient client =
 *     OpenConnectorsClient.builder()
 *         .baseUrl("https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2")
 *         .credentials(Credentials.fromEnvironment())
 *         .build()) {
 *   client.instances()                       // every page, lazily, streamed as it arrives
 *       .filter(instance -> !instance.disabled())
 *       .take(10)
 *       .subscribe(instance -> System.out.println(instance.id()));
 * }
 * }</pre>
 *
 * <p>Everything is lazy: nothing is sent until subscription, and each subscription sends its
 * requests afresh. Credentials come from the {@link CredentialsProvider} for every attempt, and
 * each request carries only the parts its kind needs. The client is thread-safe and shares one
 * connection pool; {@link #close()} or {@link #dispose()} releases it.
 */
public final class OpenConnectorsClient implements AutoCloseable, Disposable {

  /**
   * The connections a listing read ahead holds at most: the page being emitted and the pages read
   * ahead of it. With one page ahead a listing reached 0.59 of the raw limit against the emulator,
   * with two 0.68, with three 0.62 (benchmarks/README.md).
   */
  public static final int CONNECTIONS_PER_LISTING = 3;

  /**
   * The instances a page read ahead may decode and hold while a page before it is still being
   * emitted: a listing's memory is bounded by this, per page read ahead, and one network read.
   */
  public static final int READ_AHEAD_ITEMS_PER_PAGE = 256;

  private final ConnectionProvider pool;
  private final Pacing pacing;
  private final URI baseUrl;
  private final Requests requests;
  private final CredentialsProvider credentials;
  private final int pageSize;
  private final ConnectorClients connectors;
  private final Instrumentation instrumentation;
  // Told of refreshes of the application's caching provider while this client uses it.
  private final @Nullable CachingCredentialsProvider listenedTo;
  private final Consumer<@Nullable Throwable> providerRefreshes;
  // The pool's own isDisposed() is also true before its first connection.
  private final AtomicBoolean disposed = new AtomicBoolean();

  private OpenConnectorsClient(
      Builder builder, URI baseUrl, @Nullable CredentialsProvider credentials) {
    this.baseUrl = baseUrl;
    this.instrumentation = builder.instrumentation;
    Transport transport =
        new Transport(
            baseUrl,
            builder.maxConnections,
            builder.connectTimeout,
            builder.responseTimeout,
            builder.maxIdleTime,
            builder.connectionPool,
            builder.httpClient);
    this.pool = transport.pool();
    HttpClient http = transport.http();
    this.pacing =
        new Pacing(
            builder.rateBudget != null ? builder.rateBudget : RateBudget.local(),
            FleetKeys.of(baseUrl, "organization", ""),
            builder.rateLimit,
            builder.retry.maxRetryAfter());
    // The log-in sends no credentials; every other request takes them from the provider.
    Requests anonymous =
        new Requests(
            http,
            baseUrl,
            () -> Mono.error(new IllegalStateException("this transport sends no credentials")),
            builder.jsonMapper,
            builder.retry,
            builder.maxItemSize,
            builder.responseTimeout,
            instrumentation,
            pacing);
    CredentialsProvider provider =
        credentials != null
            ? credentials
            : Objects.requireNonNull(builder.login)
                .provider(
                    anonymous, builder.jsonMapper, builder.sharedCache, baseUrl, instrumentation);
    this.providerRefreshes = failure -> instrumentation.refreshed("provider", failure);
    if (credentials instanceof CachingCredentialsProvider caching
        && instrumentation != Instrumentation.NONE) {
      caching.listen(providerRefreshes);
      this.listenedTo = caching;
    } else {
      this.listenedTo = null;
    }
    this.requests = anonymous.withCredentials(provider);
    this.credentials = provider;
    this.pageSize = builder.pageSize;
    this.connectors =
        new ConnectorClients(
            requests,
            provider,
            baseUrl,
            builder.sharedCache,
            builder.instanceRate,
            instrumentation,
            pageSize);
  }

  /**
   * Starts configuring a client.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Looks up one instance: {@code GET /instances/{id}}, with platform credentials.
   *
   * @param id the instance id
   * @return a Mono of the instance; {@link NotFoundException} when there is none
   */
  public Mono<Instance> instance(long id) {
    return InstanceReader.lookUp(requests, id);
  }

  /**
   * Lists every instance, page after page, lazily.
   *
   * @return the instances
   * @see #instances(InstanceQuery)
   */
  public Flux<Instance> instances() {
    return instances(InstanceQuery.all());
  }

  /**
   * Lists the instances a query selects, page after page. Each page's JSON is decoded as its bytes
   * arrive, so the first instance is emitted before its page has fully arrived; the next page is
   * requested only when downstream demand reaches it. Unbounded demand reaches every page at once:
   * then, after the first page, the next pages are read ahead (each requested as soon as the page
   * before has given its cursor, its instances held back, at most {@value
   * #READ_AHEAD_ITEMS_PER_PAGE} per page, until the pages before it are done), using up to {@value
   * #CONNECTIONS_PER_LISTING} connections. Cancelling releases the connections. A page that cannot
   * be read ends the listing with a {@link ProtocolException}, after every instance of the pages
   * before it.
   *
   * <p>Nothing is sent until the subscriber first requests items: subscribing alone sends nothing
   * ({@code StepVerifier.create(listing, 0)} waits until {@code thenRequest}). An empty listing is
   * one request, answered by one empty page.
   *
   * @param query what to list
   * @return the instances, in the service's order
   */
  public Flux<Instance> instances(InstanceQuery query) {
    Objects.requireNonNull(query, "query");
    return listing(query).items(query.nextPageToken().orElse(null));
  }

  private Paging<Instance> listing(InstanceQuery query) {
    return new Paging<>(requests, ApiKind.PLATFORM, query.uri(pageSize), InstanceReader::read);
  }

  /**
   * Lists the instances a query selects as whole pages, with each page's cursor, total and request
   * id; resume later with {@link InstanceQuery#resumingFrom(String)}.
   *
   * @param query what to list
   * @return the pages
   */
  public Flux<Page<Instance>> instancePages(InstanceQuery query) {
    Objects.requireNonNull(query, "query");
    return listing(query).wholePages(query.nextPageToken().orElse(null));
  }

  /**
   * Every event of the organization's instances ({@code GET /instances/events}), page after page,
   * lazily, as {@link #instances(InstanceQuery)} lists instances: a page is requested when
   * downstream demand reaches it, and its events are emitted as its bytes arrive.
   *
   * @return the events, in the service's order
   */
  public Flux<Event> events() {
    return eventListing(new RequestUri("/instances/events")).items(null);
  }

  /**
   * The events of one instance ({@code GET /instances/{id}/events}), page after page, lazily.
   *
   * @param instanceId the instance id
   * @return the events; {@link NotFoundException} when there is no such instance
   */
  public Flux<Event> events(long instanceId) {
    return eventListing(
            new RequestUri("/instances/{id}/events", "/instances/" + instanceId + "/events"))
        .items(null);
  }

  /**
   * One event ({@code GET /instances/events/{eventId}}).
   *
   * @param eventId the event's id, as {@link Event#id()} gives it
   * @return a Mono of the event; {@link NotFoundException} when there is none
   * @throws IllegalArgumentException if the id is empty or holds a character other than letters,
   *     digits, {@code -}, {@code _} and {@code .}: the service's ids never do, and such an id
   *     could not be a path segment
   */
  public Mono<Event> event(String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    if (!eventId.matches("[A-Za-z0-9._-]+") || eventId.equals(".") || eventId.equals("..")) {
      throw new IllegalArgumentException(
          "eventId must be letters, digits, '-', '_' or '.', as the service's ids are");
    }
    return requests.getObject(
        ApiKind.PLATFORM,
        new RequestUri("/instances/events/{eventId}", "/instances/events/" + eventId),
        item -> EventReader.read(requests.tree(item)));
  }

  private Paging<Event> eventListing(RequestUri uri) {
    return new Paging<>(
        requests,
        ApiKind.PLATFORM,
        uri.param("pageSize", pageSize),
        item -> EventReader.read(requests.tree(item)));
  }

  /**
   * The connector API of an instance known by id: its token is looked up with {@code GET
   * /instances/{id}} (platform credentials) when first needed, cached, and looked up again once
   * when a connector request gets 401, as it does after the instance was re-provisioned; the
   * request is then sent once more. A second 401 is an {@link AuthenticationException}. Every call
   * for the same id gives the same connector client, which shares one cached token.
   *
   * @param instanceId the instance id
   * @return the connector client; nothing is sent until one of its publishers is subscribed to
   */
  public ConnectorClient connector(long instanceId) {
    return connectors.byId(instanceId);
  }

  /**
   * The connector API of an instance known by its token.
   *
   * @param token the instance token
   * @return the connector client
   */
  public ConnectorClient connector(InstanceToken token) {
    Objects.requireNonNull(token, "token");
    return connectors.byToken(token);
  }

  /**
   * The service's base URL, as the client sends its requests: scheme, host, port (when given) and
   * path, without a trailing slash; it never holds a user name, password, query or fragment.
   *
   * @return such as {@code https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2}
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * How long the client still holds the organization's requests back because the service answered
   * 429 with a {@code Retry-After} (here, or in another replica sharing its {@link
   * Builder#rateBudget rate budget}). Sends no request: a health check reports the pause and its
   * end at once instead of waiting it out.
   *
   * @return the time left of the pause, or empty when requests go as the rate allows; never fails
   */
  public Mono<Duration> rateLimitPause() {
    return pacing.organizationPauseLeft();
  }

  /**
   * The credentials behind platform requests: the application's provider, or the bearer log-in's
   * cache. For signing requests the client does not wrap, such as a {@code WebClient}'s: take
   * {@link CredentialsProvider#credentials()} for each attempt, and {@link
   * CredentialsProvider#invalidate(Credentials)} what a 401 refused.
   *
   * @return the provider
   */
  public CredentialsProvider credentialsProvider() {
    return credentials;
  }

  /** Releases the connection pool without waiting. */
  @Override
  public void dispose() {
    stopListening();
    pool.dispose();
  }

  private void stopListening() {
    disposed.set(true);
    if (listenedTo != null) {
      listenedTo.stopListening(providerRefreshes);
    }
  }

  /**
   * Whether the pool has been released.
   *
   * @return true after {@link #dispose()} or {@link #close()}
   */
  @Override
  public boolean isDisposed() {
    return disposed.get();
  }

  /**
   * Releases the connection pool and waits until it is done: call it from application shutdown, not
   * from a Reactor thread ({@link #closeLater()} is the non-blocking form).
   */
  @Override
  public void close() {
    closeLater().block(Duration.ofSeconds(10));
  }

  /**
   * Releases the connection pool.
   *
   * @return a Mono that completes when the pool is released
   */
  public Mono<Void> closeLater() {
    return Mono.defer(
        () -> {
          stopListening();
          return pool.disposeLater();
        });
  }

  /** Configures an {@link OpenConnectorsClient}. */
  public static final class Builder {
    private @Nullable String baseUrl;
    private @Nullable CredentialsProvider credentials;
    private @Nullable BearerLogin login;
    private boolean allowInsecureHttp;
    private UnaryOperator<HttpClient> httpClient = UnaryOperator.identity();
    private JsonMapper jsonMapper = JsonMapper.builder().build();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(30);
    private RetryPolicy retry = RetryPolicy.defaults();
    private int pageSize = InstanceQuery.MAX_PAGE_SIZE;
    private long maxItemSize = 1024 * 1024;
    private int maxConnections = 50;
    private Duration maxIdleTime = Duration.ofSeconds(20);
    private UnaryOperator<ConnectionProvider.Builder> connectionPool = UnaryOperator.identity();
    private Instrumentation instrumentation = Instrumentation.NONE;
    private @Nullable SharedCache sharedCache;
    private @Nullable RateBudget rateBudget;
    private @Nullable RequestRate rateLimit;
    private @Nullable RequestRate instanceRate;

    private Builder() {}

    /**
     * The service's base URL, such as {@code
     * https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2}. It must be https,
     * unless the host is loopback or {@link #allowInsecureHttp()} was called, and must not hold a
     * user name or password (credentials travel in the {@code Authorization} header only), a query
     * or a fragment. It is checked by {@link #build()}, whose messages never quote it. The
     * service's API is under {@code /elements/api-v2} on every host: the client accepts another
     * path (a gateway may map it), and a 404 from a base URL whose path does not end so says that
     * the URL may be wrong.
     *
     * @param baseUrl the base URL, scheme included
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * Fixed credentials.
     *
     * @param credentials the credentials
     * @return this builder
     */
    public Builder credentials(Credentials credentials) {
      this.credentials = CredentialsProvider.of(credentials);
      this.login = null;
      return this;
    }

    /**
     * A provider asked for credentials on every request attempt.
     *
     * @param provider the provider
     * @return this builder
     */
    public Builder credentialsProvider(CredentialsProvider provider) {
      this.credentials = Objects.requireNonNull(provider, "provider");
      this.login = null;
      return this;
    }

    /**
     * Logs in with {@code POST /authentication} and sends the bearer token it gives, cached and
     * refreshed by a {@link CachingCredentialsProvider} with its default windows (its JWT {@code
     * exp} claim is honoured; a 401 logs in again, once). Bearer credentials authorize platform
     * requests only.
     *
     * @param username the username
     * @param password the password; sent only in the log-in body, never logged
     * @return this builder
     * @see #bearerLogin(String, String, UnaryOperator)
     */
    public Builder bearerLogin(String username, String password) {
      return bearerLogin(username, password, UnaryOperator.identity());
    }

    /**
     * Logs in as {@link #bearerLogin(String, String)} does, with the token cache configured: its
     * prefetch window, stale point, background retry interval, expiry and clock.
     *
     * <pre>{@code
     * builder.bearerLogin(username, password,
     *     cache -> cache.prefetch(Duration.ofSeconds(20)).stale(Duration.ofSeconds(5)));
     * }</pre>
     *
     * @param username the username
     * @param password the password; sent only in the log-in body, never logged
     * @param cache adjusts the builder of the {@link CachingCredentialsProvider} over the log-in
     * @return this builder
     */
    public Builder bearerLogin(
        String username, String password, UnaryOperator<CachingCredentialsProvider.Builder> cache) {
      this.login = new BearerLogin(username, password, Objects.requireNonNull(cache, "cache"));
      this.credentials = null;
      return this;
    }

    /**
     * Allows a plain {@code http} base URL to a host that is not loopback. Credentials then travel
     * in clear: for a test network only.
     *
     * @return this builder
     */
    public Builder allowInsecureHttp() {
      this.allowInsecureHttp = true;
      return this;
    }

    /**
     * Adjusts the Reactor Netty client: proxies, TLS, metrics, a wiretap (whose output then has the
     * {@code Authorization} value redacted). The client sets each request's {@code Authorization}
     * header in a {@code doOnRequest} hook of its own, after any the customizer adds: those see the
     * request without the credential.
     *
     * @param customizer given the configured client, returns the one to use
     * @return this builder
     */
    public Builder httpClient(UnaryOperator<HttpClient> customizer) {
      this.httpClient = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * The Jackson mapper that reads responses.
     *
     * @param mapper the mapper
     * @return this builder
     */
    public Builder jsonMapper(JsonMapper mapper) {
      this.jsonMapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * How long making a connection may take.
     *
     * @param timeout positive; 10 s by default
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Arguments.positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long the client waits for a response, and between two reads of its body.
     *
     * @param timeout positive; 30 s by default
     * @return this builder
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = Arguments.positive(timeout, "responseTimeout");
      return this;
    }

    /**
     * When GET requests are tried again.
     *
     * @param policy the policy; {@link RetryPolicy#defaults()} by default
     * @return this builder
     */
    public Builder retry(RetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The page size of listings whose query sets none.
     *
     * @param pageSize from 1 to 200; 200 by default
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = InstanceQuery.all().withPageSize(pageSize).pageSize();
      return this;
    }

    /**
     * The largest item of a body the client reads, an instance or a connector's record (and the
     * largest single object, such as a lookup's answer); a larger one fails the request with a
     * {@link ProtocolException}, so that a broken response cannot exhaust memory.
     *
     * @param bytes positive; 1 MiB by default
     * @return this builder
     */
    public Builder maxItemSize(long bytes) {
      this.maxItemSize = Arguments.positive(bytes, "maxItemSize");
      return this;
    }

    /**
     * Shares what the client fetches to authenticate with the other replicas of the application:
     * the {@link #bearerLogin(String, String) log-in}'s bearer token and the instance tokens of
     * {@link #connector(long)}. One replica logs in or looks a token up while the others wait for
     * it, and a 401 drops the shared value only if it is still the one refused. The keys are
     * digests of the base URL with the username or instance id. Credentials from a {@link
     * #credentialsProvider provider} are shared by the provider itself ({@link
     * CachingCredentialsProvider.Builder#shared}).
     *
     * @param cache the shared cache, as the {@code openconnectors-redis} module makes it
     * @return this builder
     */
    public Builder sharedCache(SharedCache cache) {
      this.sharedCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Where the rate budget is kept: by default in this client ({@link RateBudget#local()}); the
     * {@code openconnectors-redis} module keeps it in Redis, so that all the replicas of an
     * application spend one budget and a 429 seen by one of them pauses them all. Every attempt
     * waits for its turn in the budget; a 429 with a {@code Retry-After} holds back every request
     * in its scope (the instance's for the connector API, else the organization's) until it has
     * passed, for no longer than the {@link RetryPolicy#withMaxRetryAfter retry policy's longest
     * wait}. The organization's scope is named by a digest of the base URL, an instance's by a
     * digest of the base URL with its id (or token).
     *
     * @param budget the budget
     * @return this builder
     */
    public Builder rateBudget(RateBudget budget) {
      this.rateBudget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * The organization's rate: every request of the client (the log-in aside) takes its turn,
     * spaced evenly. By default there is none, and only a 429's pause holds requests back.
     *
     * @param rate the rate, shared by every client on the same {@link #rateBudget budget}
     * @return this builder
     */
    public Builder rateLimit(RequestRate rate) {
      this.rateLimit = Objects.requireNonNull(rate, "rate");
      return this;
    }

    /**
     * Each connector instance's rate, such as its provider's limit: the requests of {@link
     * OpenConnectorsClient#connector(long)} take their turn in the instance's budget as well as the
     * organization's. By default there is none.
     *
     * @param rate the rate of each instance
     * @return this builder
     */
    public Builder instanceRateLimit(RequestRate rate) {
      this.instanceRate = Objects.requireNonNull(rate, "rate");
      return this;
    }

    /**
     * How many connections the pool keeps open at most.
     *
     * @param maxConnections positive; 50 by default
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = (int) Arguments.positive(maxConnections, "maxConnections");
      return this;
    }

    /**
     * How long an idle connection stays in the pool: shorter than servers and load balancers keep
     * idle connections (often 60 s), so that no request meets a connection closed under it.
     *
     * @param maxIdleTime positive; 20 s by default
     * @return this builder
     */
    public Builder maxIdleTime(Duration maxIdleTime) {
      this.maxIdleTime = Arguments.positive(maxIdleTime, "maxIdleTime");
      return this;
    }

    /**
     * Adjusts the connection pool, after the client has set its size, idle time and acquire
     * timeout. Turn Reactor Netty's pool metrics ({@code reactor.netty.connection.provider.*}, in
     * Micrometer's global registry, which Spring Boot's registries join by default) on with {@code
     * connectionPool(pool -> pool.metrics(true))}.
     *
     * @param customizer given the pool's builder, returns the one to build
     * @return this builder
     */
    public Builder connectionPool(UnaryOperator<ConnectionProvider.Builder> customizer) {
      this.connectionPool = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Reports the client's work in Micrometer: an observation per request (a timer and a span) and
     * counters of refreshes, re-sends, retries, pages and items; see {@link
     * MicrometerObservability}. Without it (the default) the client adds nothing to its requests
     * and needs no Micrometer on the class path.
     *
     * @param observability the application's registries
     * @return this builder
     */
    public Builder observability(MicrometerObservability observability) {
      this.instrumentation =
          Objects.requireNonNull(observability, "observability").instrumentation();
      return this;
    }

    /**
     * Builds the client.
     *
     * @return the client
     * @throws IllegalStateException if the base URL or the credentials are missing
     * @throws IllegalArgumentException if the base URL is not an http(s) URL with a host, holds a
     *     user name or password, a query or a fragment, or is plain http to a host that is not
     *     loopback without {@link #allowInsecureHttp()}; the message never quotes the URL. Of this
     *     builder's settings only the base URL is checked here (the others are checked when set); a
     *     {@code bearerLogin} cache configuration runs here too, and what it throws passes through
     */
    public OpenConnectorsClient build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl is required");
      }
      if (credentials == null && login == null) {
        throw new IllegalStateException(
            "credentials, a credentialsProvider or a bearerLogin is required");
      }
      URI checkedBaseUrl = Transport.baseUrl(baseUrl, allowInsecureHttp);
      return new OpenConnectorsClient(this, checkedBaseUrl, credentials);
    }
  }
}
