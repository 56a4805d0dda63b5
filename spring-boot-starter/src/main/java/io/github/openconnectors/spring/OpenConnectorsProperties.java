package io.github.openconnectors.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * {@code openconnectors.*}: where the service is, how to authenticate, and how the client behaves.
 * Authenticate with {@code user-secret} and {@code organization-secret} (and an {@code
 * instance-token} for connector calls with fixed credentials), or with {@code username} and {@code
 * password} for a bearer log-in; an application's own {@code CredentialsProvider} bean replaces
 * both.
 *
 * <p>Secrets are bound as text and made into secret values when the client is built, so that a bad
 * one fails start-up with a message that names the property and the fault, never the value; Spring
 * cannot fail to bind text, so no binding report quotes one. {@link #toString()} names which
 * settings are present, never a secret.
 */
@ConfigurationProperties("openconnectors")
public class OpenConnectorsProperties {

  /**
   * The service's base URL, such as
   * https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2. https, unless the host is
   * loopback or allow-insecure-http is set; never with a user name or password in it. Actuator
   * shows it without user-info.
   */
  private @Nullable String baseUrl;

  /** The user secret (the Authorization header's User part). Never shown by Actuator. */
  private @Nullable String userSecret;

  /**
   * The organization secret (the Authorization header's Organization part). Never shown by
   * Actuator.
   */
  private @Nullable String organizationSecret;

  /**
   * An instance token (the Element part), sent with the secrets on connector calls that take their
   * credentials from the client rather than from an instance id. Never shown by Actuator.
   */
  private @Nullable String instanceToken;

  /** The user name of a bearer log-in (POST /authentication), instead of the secrets. */
  private @Nullable String username;

  /** The password of the bearer log-in; sent only in the log-in's body. Never shown by Actuator. */
  private @Nullable String password;

  /** Allows a plain http base URL to a host that is not loopback: for a test network only. */
  private boolean allowInsecureHttp;

  /** How long making a connection may take. */
  private Duration connectTimeout = Duration.ofSeconds(10);

  /** How long the client waits for a response, and between two reads of its body. */
  private Duration responseTimeout = Duration.ofSeconds(30);

  /** The page size of listings whose query sets none, from 1 to 200. */
  private int pageSize = 200;

  /**
   * The largest item of a body the client reads (an instance, a connector's record, a lookup's
   * answer); a larger one fails its request.
   */
  private DataSize maxItemSize = DataSize.ofMegabytes(1);

  /**
   * Logs each request's and response's head at DEBUG under reactor.netty.http.client.HttpClient,
   * with the Authorization header redacted; never a body. A customizer that sets httpClient(...)
   * replaces it.
   */
  private boolean wiretap;

  private final Login login = new Login();
  private final Pool pool = new Pool();
  private final Retry retry = new Retry();
  private final Health health = new Health();
  private final Metrics metrics = new Metrics();
  private final Redis redis = new Redis();
  private final RateLimit rateLimit = new RateLimit();

  /** Made by Spring, then bound from {@code openconnectors.*}. */
  public OpenConnectorsProperties() {}

  /**
   * The base URL.
   *
   * @return the base URL, or null when unset
   */
  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets the base URL.
   *
   * @param baseUrl the base URL
   */
  public void setBaseUrl(@Nullable String baseUrl) {
    this.baseUrl = blankToNull(baseUrl);
  }

  /**
   * The user secret, as configured.
   *
   * @return the text, or null when unset
   */
  public @Nullable String getUserSecret() {
    return userSecret;
  }

  /**
   * Sets the user secret.
   *
   * @param userSecret the text
   */
  public void setUserSecret(@Nullable String userSecret) {
    this.userSecret = blankToNull(userSecret);
  }

  /**
   * The organization secret, as configured.
   *
   * @return the text, or null when unset
   */
  public @Nullable String getOrganizationSecret() {
    return organizationSecret;
  }

  /**
   * Sets the organization secret.
   *
   * @param organizationSecret the text
   */
  public void setOrganizationSecret(@Nullable String organizationSecret) {
    this.organizationSecret = blankToNull(organizationSecret);
  }

  /**
   * The instance token, as configured.
   *
   * @return the text, or null when unset
   */
  public @Nullable String getInstanceToken() {
    return instanceToken;
  }

  /**
   * Sets the instance token.
   *
   * @param instanceToken the text
   */
  public void setInstanceToken(@Nullable String instanceToken) {
    this.instanceToken = blankToNull(instanceToken);
  }

  /**
   * The user name of a bearer log-in.
   *
   * @return the name, or null when unset
   */
  public @Nullable String getUsername() {
    return username;
  }

  /**
   * Sets the user name of a bearer log-in.
   *
   * @param username the name
   */
  public void setUsername(@Nullable String username) {
    this.username = blankToNull(username);
  }

  /**
   * The password of a bearer log-in.
   *
   * @return the password, or null when unset
   */
  public @Nullable String getPassword() {
    return password;
  }

  /**
   * Sets the password of a bearer log-in.
   *
   * @param password the password
   */
  public void setPassword(@Nullable String password) {
    this.password = blankToNull(password);
  }

  /**
   * Whether plain http to a host that is not loopback is allowed.
   *
   * @return false by default
   */
  public boolean isAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  /**
   * Sets whether plain http to a host that is not loopback is allowed.
   *
   * @param allowInsecureHttp true for a test network
   */
  public void setAllowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  /**
   * The connect timeout.
   *
   * @return 10 s by default
   */
  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets the connect timeout.
   *
   * @param connectTimeout positive
   */
  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * The response timeout.
   *
   * @return 30 s by default
   */
  public Duration getResponseTimeout() {
    return responseTimeout;
  }

  /**
   * Sets the response timeout.
   *
   * @param responseTimeout positive
   */
  public void setResponseTimeout(Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
  }

  /**
   * The default page size.
   *
   * @return 200 by default
   */
  public int getPageSize() {
    return pageSize;
  }

  /**
   * Sets the default page size.
   *
   * @param pageSize from 1 to 200
   */
  public void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  /**
   * The largest item the client reads.
   *
   * @return 1 MB by default
   */
  public DataSize getMaxItemSize() {
    return maxItemSize;
  }

  /**
   * Sets the largest item the client reads.
   *
   * @param maxItemSize positive
   */
  public void setMaxItemSize(DataSize maxItemSize) {
    this.maxItemSize = maxItemSize;
  }

  /**
   * The former name of {@code max-item-size}.
   *
   * @return the largest item the client reads
   * @deprecated renamed {@code openconnectors.max-item-size}; this name goes before 1.0
   */
  @Deprecated
  @DeprecatedConfigurationProperty(replacement = "openconnectors.max-item-size")
  public DataSize getMaxInstanceSize() {
    return maxItemSize;
  }

  /**
   * Sets the largest item the client reads, under its former name.
   *
   * @param maxInstanceSize positive
   * @deprecated renamed {@code openconnectors.max-item-size}; this name goes before 1.0
   */
  @Deprecated
  public void setMaxInstanceSize(DataSize maxInstanceSize) {
    this.maxItemSize = maxInstanceSize;
  }

  /**
   * Whether the redacted wiretap is on.
   *
   * @return false by default
   */
  public boolean isWiretap() {
    return wiretap;
  }

  /**
   * Turns the redacted wiretap on or off.
   *
   * @param wiretap true to log heads at DEBUG
   */
  public void setWiretap(boolean wiretap) {
    this.wiretap = wiretap;
  }

  /**
   * The bearer log-in's token cache.
   *
   * @return the settings
   */
  public Login getLogin() {
    return login;
  }

  /**
   * The connection pool.
   *
   * @return the settings
   */
  public Pool getPool() {
    return pool;
  }

  /**
   * When requests are tried again.
   *
   * @return the settings
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * The health indicator.
   *
   * @return the settings
   */
  public Health getHealth() {
    return health;
  }

  /**
   * Metrics and observations.
   *
   * @return the settings
   */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * The fleet's shared cache in Redis, with the {@code openconnectors-redis} module.
   *
   * @return the settings
   */
  public Redis getRedis() {
    return redis;
  }

  /**
   * The rates of the organization's and of each connector instance's requests.
   *
   * @return the settings
   */
  public RateLimit getRateLimit() {
    return rateLimit;
  }

  /**
   * Names the settings that are present; never a secret's, a password's or the URL's value.
   *
   * @return for example {@code "OpenConnectorsProperties[baseUrl=set, userSecret=set,
   *     organizationSecret=set, instanceToken=unset, username=unset, password=unset]"}
   */
  @Override
  public String toString() {
    return "OpenConnectorsProperties[baseUrl="
        + presence(baseUrl)
        + ", userSecret="
        + presence(userSecret)
        + ", organizationSecret="
        + presence(organizationSecret)
        + ", instanceToken="
        + presence(instanceToken)
        + ", username="
        + presence(username)
        + ", password="
        + presence(password)
        + ", redis.url="
        + presence(redis.url)
        + ", redis.key="
        + presence(redis.key)
        + "]";
  }

  private static String presence(@Nullable String value) {
    return value == null ? "unset" : "set";
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** {@code openconnectors.login.*}: the bearer token's cache. */
  public static class Login {

    /** How long before the token expires a background log-in starts. */
    private Duration prefetch = Duration.ofMinutes(5);

    /** How long before the token expires callers stop using it and wait for a new log-in. */
    private Duration stale = Duration.ofMinutes(1);

    /** Made with the defaults, then bound. */
    public Login() {}

    /**
     * The prefetch window.
     *
     * @return 5 min by default
     */
    public Duration getPrefetch() {
      return prefetch;
    }

    /**
     * Sets the prefetch window.
     *
     * @param prefetch not negative
     */
    public void setPrefetch(Duration prefetch) {
      this.prefetch = prefetch;
    }

    /**
     * The stale point.
     *
     * @return 1 min by default
     */
    public Duration getStale() {
      return stale;
    }

    /**
     * Sets the stale point.
     *
     * @param stale not negative, not beyond the prefetch window
     */
    public void setStale(Duration stale) {
      this.stale = stale;
    }
  }

  /** {@code openconnectors.pool.*}: the connection pool. */
  public static class Pool {

    /** How many connections the pool keeps open at most. */
    private int maxConnections = 50;

    /**
     * How long an idle connection stays in the pool: shorter than servers and load balancers keep
     * idle connections.
     */
    private Duration maxIdleTime = Duration.ofSeconds(20);

    /** Made with the defaults, then bound. */
    public Pool() {}

    /**
     * The most connections.
     *
     * @return 50 by default
     */
    public int getMaxConnections() {
      return maxConnections;
    }

    /**
     * Sets the most connections.
     *
     * @param maxConnections positive
     */
    public void setMaxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
    }

    /**
     * The idle time.
     *
     * @return 20 s by default
     */
    public Duration getMaxIdleTime() {
      return maxIdleTime;
    }

    /**
     * Sets the idle time.
     *
     * @param maxIdleTime positive
     */
    public void setMaxIdleTime(Duration maxIdleTime) {
      this.maxIdleTime = maxIdleTime;
    }
  }

  /**
   * {@code openconnectors.rate-limit.*}: how many requests go per period, spaced evenly; with
   * Redis, for the whole fleet. Unset, only a 429's {@code Retry-After} holds requests back.
   */
  public static class RateLimit {

    /** The organization's requests per period; unset for no rate. */
    private @Nullable Integer requests;

    /** The organization's period. */
    private Duration per = Duration.ofSeconds(1);

    /** Each connector instance's requests per instance-per, such as its provider's limit. */
    private @Nullable Integer instanceRequests;

    /** Each connector instance's period. */
    private Duration instancePer = Duration.ofSeconds(1);

    /** Made with the defaults, then bound. */
    public RateLimit() {}

    /**
     * The organization's requests per period.
     *
     * @return null when unset
     */
    public @Nullable Integer getRequests() {
      return requests;
    }

    /**
     * Sets the organization's requests per period.
     *
     * @param requests at least 1, or null for none
     */
    public void setRequests(@Nullable Integer requests) {
      this.requests = requests;
    }

    /**
     * The organization's period.
     *
     * @return 1 s by default
     */
    public Duration getPer() {
      return per;
    }

    /**
     * Sets the organization's period.
     *
     * @param per positive
     */
    public void setPer(Duration per) {
      this.per = per;
    }

    /**
     * Each instance's requests per period.
     *
     * @return null when unset
     */
    public @Nullable Integer getInstanceRequests() {
      return instanceRequests;
    }

    /**
     * Sets each instance's requests per period.
     *
     * @param instanceRequests at least 1, or null for none
     */
    public void setInstanceRequests(@Nullable Integer instanceRequests) {
      this.instanceRequests = instanceRequests;
    }

    /**
     * Each instance's period.
     *
     * @return 1 s by default
     */
    public Duration getInstancePer() {
      return instancePer;
    }

    /**
     * Sets each instance's period.
     *
     * @param instancePer positive
     */
    public void setInstancePer(Duration instancePer) {
      this.instancePer = instancePer;
    }
  }

  /** {@code openconnectors.retry.*}: when GET requests are tried again. */
  public static class Retry {

    /** Retries after the first attempt; 0 never retries. */
    private int maxRetries = 3;

    /** The first backoff. */
    private Duration minBackoff = Duration.ofMillis(200);

    /** The longest backoff. */
    private Duration maxBackoff = Duration.ofSeconds(5);

    /** How far, as a fraction from 0 to 1, a backoff is moved at random. */
    private double jitter = 0.5;

    /** The longest Retry-After the client waits for; a longer one fails at once. */
    private Duration maxRetryAfter = Duration.ofSeconds(30);

    /** Made with the defaults, then bound. */
    public Retry() {}

    /**
     * The retries.
     *
     * @return 3 by default
     */
    public int getMaxRetries() {
      return maxRetries;
    }

    /**
     * Sets the retries.
     *
     * @param maxRetries not negative
     */
    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    /**
     * The first backoff.
     *
     * @return 200 ms by default
     */
    public Duration getMinBackoff() {
      return minBackoff;
    }

    /**
     * Sets the first backoff.
     *
     * @param minBackoff positive
     */
    public void setMinBackoff(Duration minBackoff) {
      this.minBackoff = minBackoff;
    }

    /**
     * The longest backoff.
     *
     * @return 5 s by default
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets the longest backoff.
     *
     * @param maxBackoff not below the first
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /**
     * The jitter.
     *
     * @return 0.5 by default
     */
    public double getJitter() {
      return jitter;
    }

    /**
     * Sets the jitter.
     *
     * @param jitter from 0 to 1
     */
    public void setJitter(double jitter) {
      this.jitter = jitter;
    }

    /**
     * The longest Retry-After waited for.
     *
     * @return 30 s by default
     */
    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    /**
     * Sets the longest Retry-After waited for.
     *
     * @param maxRetryAfter not negative
     */
    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }
  }

  /** {@code openconnectors.health.*}: the health indicator {@code openconnectors}. */
  public static class Health {

    /** How long a check's answer is reused: health probes do not each call the service. */
    private Duration cacheTime = Duration.ofSeconds(30);

    /** How long a check may take before it reports the service unreachable. */
    private Duration timeout = Duration.ofSeconds(10);

    /** Made with the defaults, then bound. */
    public Health() {}

    /**
     * How long an answer is reused.
     *
     * @return 30 s by default
     */
    public Duration getCacheTime() {
      return cacheTime;
    }

    /**
     * Sets how long an answer is reused.
     *
     * @param cacheTime not negative; 0 checks on every probe
     */
    public void setCacheTime(Duration cacheTime) {
      this.cacheTime = cacheTime;
    }

    /**
     * How long a check may take.
     *
     * @return 10 s by default
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets how long a check may take.
     *
     * @param timeout positive
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** {@code openconnectors.metrics.*}: what the client reports to Micrometer. */
  public static class Metrics {

    /**
     * Observes requests and counts refreshes, re-sends, retries, pages and items, when the
     * application has Micrometer registries.
     */
    private boolean enabled = true;

    /**
     * Turns Reactor Netty's connection-pool metrics (reactor.netty.connection.provider.*) on, in
     * Micrometer's global registry, which Spring Boot's registries join by default.
     */
    private boolean connectionPool = true;

    /** Made with the defaults, then bound. */
    public Metrics() {}

    /**
     * Whether the client is observed.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the client is observed.
     *
     * @param enabled false to report nothing
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Whether the pool's metrics are on.
     *
     * @return true by default
     */
    public boolean isConnectionPool() {
      return connectionPool;
    }

    /**
     * Turns the pool's metrics on or off.
     *
     * @param connectionPool false to leave them off
     */
    public void setConnectionPool(boolean connectionPool) {
      this.connectionPool = connectionPool;
    }
  }

  /**
   * {@code openconnectors.redis.*}: the replicas of the application share their log-in, instance
   * tokens and credentials through Redis, when the {@code openconnectors-redis} module is on the
   * classpath and a URL is set. Never printed.
   */
  public static class Redis {

    /**
     * The Redis, such as redis://redis.internal:6379; its password is never printed. Actuator shows
     * it without user-info.
     */
    private @Nullable String url;

    /**
     * The key that seals the shared values, base64 of at least 32 random bytes (openssl rand
     * -base64 32); the same in every replica. Required with a URL. Never shown by Actuator.
     */
    private @Nullable String key;

    /** The prefix of the keys in Redis. */
    private String namespace = "openconnectors";

    /** How long one Redis command may take before the replica goes on without Redis. */
    private Duration timeout = Duration.ofMillis(500);

    /** How long a replica holds the lock of a refresh at most. */
    private Duration lease = Duration.ofSeconds(10);

    /** Made with the defaults, then bound. */
    public Redis() {}

    /**
     * The Redis URL.
     *
     * @return the URL, or null when the fleet does not share
     */
    public @Nullable String getUrl() {
      return url;
    }

    /**
     * Sets the Redis URL.
     *
     * @param url a Redis URI; blank for none
     */
    public void setUrl(@Nullable String url) {
      this.url = blankToNull(url);
    }

    /**
     * The sealing key.
     *
     * @return the key, or null when unset
     */
    public @Nullable String getKey() {
      return key;
    }

    /**
     * Sets the sealing key.
     *
     * @param key base64 of at least 32 bytes
     */
    public void setKey(@Nullable String key) {
      this.key = blankToNull(key);
    }

    /**
     * The prefix of the keys.
     *
     * @return {@code openconnectors} by default
     */
    public String getNamespace() {
      return namespace;
    }

    /**
     * Sets the prefix of the keys.
     *
     * @param namespace not blank
     */
    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }

    /**
     * How long one command may take.
     *
     * @return 500 ms by default
     */
    public Duration getTimeout() {
      return timeout;
    }

    /**
     * Sets how long one command may take.
     *
     * @param timeout positive
     */
    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    /**
     * How long a refresh's lock is held at most.
     *
     * @return 10 s by default
     */
    public Duration getLease() {
      return lease;
    }

    /**
     * Sets how long a refresh's lock is held at most.
     *
     * @param lease positive
     */
    public void setLease(Duration lease) {
      this.lease = lease;
    }

    /**
     * Says which settings are present, never the URL or the key.
     *
     * @return for example {@code "Redis[url=set, key=set]"}
     */
    @Override
    public String toString() {
      return "Redis[url=" + presence(url) + ", key=" + presence(key) + "]";
    }
  }
}
