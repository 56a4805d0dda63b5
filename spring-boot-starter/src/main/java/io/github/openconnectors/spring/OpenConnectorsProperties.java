package io.github.openconnectors.spring;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
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

  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(@Nullable String baseUrl) {
    this.baseUrl = blankToNull(baseUrl);
  }

  public @Nullable String getUserSecret() {
    return userSecret;
  }

  public void setUserSecret(@Nullable String userSecret) {
    this.userSecret = blankToNull(userSecret);
  }

  public @Nullable String getOrganizationSecret() {
    return organizationSecret;
  }

  public void setOrganizationSecret(@Nullable String organizationSecret) {
    this.organizationSecret = blankToNull(organizationSecret);
  }

  public @Nullable String getInstanceToken() {
    return instanceToken;
  }

  public void setInstanceToken(@Nullable String instanceToken) {
    this.instanceToken = blankToNull(instanceToken);
  }

  public @Nullable String getUsername() {
    return username;
  }

  public void setUsername(@Nullable String username) {
    this.username = blankToNull(username);
  }

  public @Nullable String getPassword() {
    return password;
  }

  public void setPassword(@Nullable String password) {
    this.password = blankToNull(password);
  }

  public boolean isAllowInsecureHttp() {
    return allowInsecureHttp;
  }

  public void setAllowInsecureHttp(boolean allowInsecureHttp) {
    this.allowInsecureHttp = allowInsecureHttp;
  }

  public Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Duration getResponseTimeout() {
    return responseTimeout;
  }

  public void setResponseTimeout(Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
  }

  public int getPageSize() {
    return pageSize;
  }

  public void setPageSize(int pageSize) {
    this.pageSize = pageSize;
  }

  public DataSize getMaxItemSize() {
    return maxItemSize;
  }

  public void setMaxItemSize(DataSize maxItemSize) {
    this.maxItemSize = maxItemSize;
  }

  public boolean isWiretap() {
    return wiretap;
  }

  public void setWiretap(boolean wiretap) {
    this.wiretap = wiretap;
  }

  public Login getLogin() {
    return login;
  }

  public Pool getPool() {
    return pool;
  }

  public Retry getRetry() {
    return retry;
  }

  public Health getHealth() {
    return health;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Redis getRedis() {
    return redis;
  }

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

    public Duration getPrefetch() {
      return prefetch;
    }

    public void setPrefetch(Duration prefetch) {
      this.prefetch = prefetch;
    }

    public Duration getStale() {
      return stale;
    }

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

    public int getMaxConnections() {
      return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
    }

    public Duration getMaxIdleTime() {
      return maxIdleTime;
    }

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

    public @Nullable Integer getRequests() {
      return requests;
    }

    public void setRequests(@Nullable Integer requests) {
      this.requests = requests;
    }

    public Duration getPer() {
      return per;
    }

    public void setPer(Duration per) {
      this.per = per;
    }

    public @Nullable Integer getInstanceRequests() {
      return instanceRequests;
    }

    public void setInstanceRequests(@Nullable Integer instanceRequests) {
      this.instanceRequests = instanceRequests;
    }

    public Duration getInstancePer() {
      return instancePer;
    }

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

    public int getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    public Duration getMinBackoff() {
      return minBackoff;
    }

    public void setMinBackoff(Duration minBackoff) {
      this.minBackoff = minBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public double getJitter() {
      return jitter;
    }

    public void setJitter(double jitter) {
      this.jitter = jitter;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

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

    public Duration getCacheTime() {
      return cacheTime;
    }

    public void setCacheTime(Duration cacheTime) {
      this.cacheTime = cacheTime;
    }

    public Duration getTimeout() {
      return timeout;
    }

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

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isConnectionPool() {
      return connectionPool;
    }

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

    public @Nullable String getUrl() {
      return url;
    }

    public void setUrl(@Nullable String url) {
      this.url = blankToNull(url);
    }

    public @Nullable String getKey() {
      return key;
    }

    public void setKey(@Nullable String key) {
      this.key = blankToNull(key);
    }

    public String getNamespace() {
      return namespace;
    }

    public void setNamespace(String namespace) {
      this.namespace = namespace;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }

    public Duration getLease() {
      return lease;
    }

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
