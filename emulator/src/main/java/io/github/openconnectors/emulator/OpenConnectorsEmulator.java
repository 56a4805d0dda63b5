package io.github.openconnectors.emulator;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A local SAP Open Connectors server: real HTTP on loopback, behaving as the service does.
 *
 * <p>It serves, under {@code /elements/api-v2}: {@code GET /instances} (with {@code tags[]}, {@code
 * searchText}, {@code hydrate}, {@code pageSize} capped at 200, and {@code nextPage} cursors),
 * {@code GET /instances/{id}}, {@code GET /hubs/{hub}/{resource}[/{id}]} for each instance's seeded
 * records, {@code POST /authentication}, {@code GET /authentication/secrets}, {@code POST
 * /authentication/user-secret-reset} and {@code GET /organizations/me}. Every request is
 * authenticated with the header grammar of {@code openconnectors-core}; errors carry the service's
 * JSON body and every response an {@code Elements-Request-Id}.
 *
 * <pre>{@code
 * try (OpenConnectorsEmulator emulator =
 *     OpenConnectorsEmulator.builder().instances(1_000).start()) {
 *   String baseUrl = emulator.baseUrl(); // http://127.0.0.1:41234/elements/api-v2
 *   Credentials credentials = emulator.platformCredentials();
 *   emulator.inject(Fault.status(503).times(2));
 *   ...
 *   assertThat(emulator.journal()).hasSize(3);
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} blocks until the server has stopped: call it from a test thread,
 * not from a Reactor thread.
 */
public final class OpenConnectorsEmulator implements AutoCloseable {

  /** The username {@link Builder#account} sets by default. */
  public static final String DEFAULT_USERNAME = "demo@example.com";

  /** The password of {@link #DEFAULT_USERNAME}. */
  public static final String DEFAULT_PASSWORD = "demo-password";

  private final DisposableServer server;
  private final LoopResources loops;
  private final Tenant tenant;
  private final InstanceCatalog catalog;
  private final FaultQueue faults;
  private final Journal journal;
  private final EventDeliveries deliveries;

  private OpenConnectorsEmulator(Builder builder) {
    this.tenant =
        new Tenant(
            builder.user,
            builder.organization,
            builder.accounts.isEmpty()
                ? Map.of(DEFAULT_USERNAME, DEFAULT_PASSWORD)
                : builder.accounts,
            builder.bearerLifetime,
            builder.clock,
            builder.seed);
    this.catalog =
        new InstanceCatalog(
            new InstanceGenerator(builder.seed, builder.instances, builder.recordsPerInstance),
            builder.fixtures);
    this.faults = new FaultQueue();
    this.journal = new Journal(builder.journalLimit);
    byte[] cursorKey = tenant.secretBytes(32);
    // A run-unique part, so cursors of an earlier run with the same seed are refused as stale.
    cursorKey[0] ^= (byte) System.nanoTime();
    cursorKey[1] ^= (byte) (System.nanoTime() >>> 8);
    EventLog events = new EventLog(builder.clock);
    this.deliveries = new EventDeliveries(events);
    EmulatorHandler handler =
        new EmulatorHandler(
            tenant,
            catalog,
            new Cursors(cursorKey),
            faults,
            journal,
            events,
            deliveries,
            builder.rateLimitRequests > 0
                ? new RateLimit(builder.rateLimitRequests, builder.rateLimitWindow, builder.clock)
                : null,
            builder.seed);
    this.loops = LoopResources.create("openconnectors-emulator", 1, builder.workerThreads, true);
    this.server =
        HttpServer.create()
            .host(builder.host)
            .port(builder.port)
            .runOn(loops)
            .handle(handler)
            .bindNow();
  }

  /**
   * Starts configuring an emulator.
   *
   * @return a builder with defaults: loopback, port 0 (any free port), no instances, seed 42
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The base URL to configure a client with.
   *
   * @return for example {@code http://127.0.0.1:41234/elements/api-v2}
   */
  public String baseUrl() {
    return "http://" + server.host() + ":" + server.port() + EmulatorHandler.BASE_PATH;
  }

  /**
   * The port the server listens on.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * The current user secret.
   *
   * @return the user secret
   */
  public UserSecret userSecret() {
    return tenant.user();
  }

  /**
   * The organization secret.
   *
   * @return the organization secret
   */
  public OrganizationSecret organizationSecret() {
    return tenant.organization();
  }

  /**
   * The credentials platform requests need: the current user and organization secrets.
   *
   * @return the credentials
   */
  public Credentials platformCredentials() {
    return tenant.platformCredentials();
  }

  /**
   * The credentials connector requests to an instance need: the current user secret and the
   * instance's current token.
   *
   * @param instanceId the instance id
   * @return the credentials
   * @throws IllegalArgumentException if there is no such instance
   */
  public Credentials connectorCredentials(long instanceId) {
    return Credentials.connector(tenant.user(), instanceToken(instanceId));
  }

  /**
   * An instance, as the emulator currently serves it.
   *
   * @param id the instance id
   * @return the instance, if there is one
   */
  public Optional<EmulatedInstance> instance(long id) {
    return Optional.ofNullable(catalog.find(id));
  }

  /**
   * The ids of the generated instances: {@code firstGeneratedId()} to {@code firstGeneratedId() + n
   * - 1} for {@link Builder#instances(long) instances(n)}.
   *
   * @return the first generated id
   */
  public long firstGeneratedId() {
    return InstanceGenerator.FIRST_ID;
  }

  /**
   * Adds an instance while the emulator runs, or replaces the one with its id.
   *
   * @param instance the instance
   */
  public void addInstance(EmulatedInstance instance) {
    catalog.add(Objects.requireNonNull(instance, "instance"));
  }

  /**
   * An instance's current token.
   *
   * @param instanceId the instance id
   * @return the token
   * @throws IllegalArgumentException if there is no such instance
   */
  public InstanceToken instanceToken(long instanceId) {
    return instance(instanceId)
        .orElseThrow(() -> new IllegalArgumentException("no instance with id " + instanceId))
        .token();
  }

  /**
   * Rotates the user secret, as {@code POST /authentication/user-secret-reset} does: the old one is
   * refused from now on.
   *
   * @return the new user secret
   */
  public UserSecret rotateUserSecret() {
    return tenant.rotateUser();
  }

  /**
   * Gives an instance a new token, as re-provisioning it does: the old one gets 401 from now on.
   *
   * @param instanceId the instance id
   * @return the new token
   * @throws IllegalArgumentException if there is no such instance
   */
  public InstanceToken reissueInstanceToken(long instanceId) {
    InstanceToken token = InstanceToken.of(tenant.newSecret());
    return catalog.update(instanceId, instance -> instance.token(token)).token();
  }

  /**
   * Disables or enables an instance: connector requests to a disabled one get 403.
   *
   * @param instanceId the instance id
   * @param disabled true to disable
   * @throws IllegalArgumentException if there is no such instance
   */
  public void setInstanceDisabled(long instanceId, boolean disabled) {
    catalog.update(instanceId, instance -> instance.disabled(disabled));
  }

  /**
   * Deletes an instance: {@code GET /instances/{id}} gets 404 and its token 401 from now on.
   *
   * @param instanceId the instance id
   * @throws IllegalArgumentException if there is no such instance
   */
  public void removeInstance(long instanceId) {
    if (!catalog.remove(instanceId)) {
      throw new IllegalArgumentException("no instance with id " + instanceId);
    }
  }

  /** Makes every bearer token issued so far stop working: requests carrying one get 401. */
  public void expireBearerTokens() {
    tenant.expireBearerTokens();
  }

  /**
   * Injects a fault; it applies to the requests its scope names.
   *
   * @param fault the fault
   */
  public void inject(Fault fault) {
    faults.add(Objects.requireNonNull(fault, "fault"));
  }

  /** Removes every injected fault, used up or not. */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Makes the next delivery of an event go wrong as the fault says: for an application's tests of
   * its receiving endpoint.
   *
   * @param fault what goes wrong
   */
  public void injectDeliveryFault(DeliveryFault fault) {
    deliveries.inject(Objects.requireNonNull(fault, "fault"));
  }

  /**
   * The deliveries of events to callback URLs so far, oldest first, each attempt its own entry.
   *
   * @return an unmodifiable snapshot
   */
  public List<Delivery> deliveries() {
    return deliveries.made();
  }

  /**
   * The requests received so far, oldest first (at most {@link Builder#journalLimit}).
   *
   * @return an unmodifiable snapshot
   */
  public List<RecordedRequest> journal() {
    return journal.snapshot();
  }

  /**
   * Counts of the requests received since the start or the last {@link #clearJournal()}: log-ins,
   * instance lookups, 401s and 429s, however many requests the journal keeps.
   *
   * @return the counts
   */
  public RequestCounts counts() {
    return journal.counts();
  }

  /** Empties the journal and resets its counts. */
  public void clearJournal() {
    journal.clear();
  }

  /** Stops the server and releases its threads; blocks until done. */
  @Override
  public void close() {
    server.disposeNow(Duration.ofSeconds(5));
    deliveries.close();
    loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
  }

  /**
   * Describes the emulator without its secrets.
   *
   * @return for example {@code "OpenConnectorsEmulator[http://127.0.0.1:41234/elements/api-v2]"}
   */
  @Override
  public String toString() {
    return "OpenConnectorsEmulator[" + baseUrl() + "]";
  }

  /** Configures and starts an {@link OpenConnectorsEmulator}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private long seed = 42;
    private long instances;
    private int recordsPerInstance = 50;
    private final List<EmulatedInstance> fixtures = new ArrayList<>();
    private @Nullable UserSecret user;
    private @Nullable OrganizationSecret organization;
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private Duration bearerLifetime = Duration.ofHours(1);
    private Clock clock = Clock.systemUTC();
    private int rateLimitRequests;
    private Duration rateLimitWindow = Duration.ofSeconds(1);
    private int journalLimit = 10_000;
    private int workerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    /**
     * The address to listen on.
     *
     * @param host an address of this machine; {@code 127.0.0.1} by default
     * @return this builder
     */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The port to listen on.
     *
     * @param port a port, or 0 (the default) for any free one
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The seed of everything generated: instances, records, secrets. Same seed, same data.
     *
     * @param seed the seed; 42 by default
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How many instances to generate: realistic, deterministic, made as they are served (a million
     * cost no memory). Their ids start at {@link OpenConnectorsEmulator#firstGeneratedId()}.
     *
     * @param count how many, not negative
     * @return this builder
     */
    public Builder instances(long count) {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative, was " + count);
      }
      this.instances = count;
      return this;
    }

    /**
     * Adds an instance with chosen id, token and tags; it replaces a generated one with its id.
     *
     * @param instance the fixture
     * @return this builder
     */
    public Builder instance(EmulatedInstance instance) {
      fixtures.add(Objects.requireNonNull(instance, "instance"));
      return this;
    }

    /**
     * How many records each connector resource of a generated instance lists.
     *
     * @param count how many, not negative; 50 by default
     * @return this builder
     */
    public Builder recordsPerInstance(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("count must not be negative, was " + count);
      }
      this.recordsPerInstance = count;
      return this;
    }

    /**
     * The user secret; generated from the seed by default.
     *
     * @param user the user secret
     * @return this builder
     */
    public Builder userSecret(UserSecret user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /**
     * The organization secret; generated from the seed by default.
     *
     * @param organization the organization secret
     * @return this builder
     */
    public Builder organizationSecret(OrganizationSecret organization) {
      this.organization = Objects.requireNonNull(organization, "organization");
      return this;
    }

    /**
     * Adds an account that {@code POST /authentication} accepts. Without any, {@value
     * #DEFAULT_USERNAME} with {@value #DEFAULT_PASSWORD} is the one account.
     *
     * @param username the username
     * @param password the password
     * @return this builder
     */
    public Builder account(String username, String password) {
      accounts.put(
          Objects.requireNonNull(username, "username"),
          Objects.requireNonNull(password, "password"));
      return this;
    }

    /**
     * How long a bearer token from a log-in works; its JWT {@code exp} claim says the same.
     *
     * @param lifetime positive; one hour by default
     * @return this builder
     */
    public Builder bearerTokenLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("lifetime must be positive, was " + lifetime);
      }
      this.bearerLifetime = lifetime;
      return this;
    }

    /**
     * The clock bearer token lifetimes are measured by.
     *
     * @param clock the clock; the system's by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Limits the organization's requests, as the service's rate limit does: at most {@code
     * requests} in each fixed window of {@code window}; beyond them a request gets 429 with the
     * service's error body and a {@code Retry-After} of the whole seconds left in the window. The
     * refused requests are in the journal with status 429.
     *
     * @param requests positive
     * @param window positive; measured by the {@link #clock(Clock) clock}
     * @return this builder
     */
    public Builder rateLimit(int requests, Duration window) {
      if (requests < 1) {
        throw new IllegalArgumentException("requests must be positive, was " + requests);
      }
      Objects.requireNonNull(window, "window");
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be positive, was " + window);
      }
      this.rateLimitRequests = requests;
      this.rateLimitWindow = window;
      return this;
    }

    /**
     * How many requests the journal keeps; older ones are dropped.
     *
     * @param limit at least 1; 10 000 by default
     * @return this builder
     */
    public Builder journalLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be at least 1, was " + limit);
      }
      this.journalLimit = limit;
      return this;
    }

    /**
     * How many event-loop threads serve requests.
     *
     * @param threads at least 1; the number of processors (at least 2) by default
     * @return this builder
     */
    public Builder workerThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, was " + threads);
      }
      this.workerThreads = threads;
      return this;
    }

    /**
     * Starts the emulator; it listens when this returns.
     *
     * @return the running emulator
     */
    public OpenConnectorsEmulator start() {
      return new OpenConnectorsEmulator(this);
    }
  }
}
