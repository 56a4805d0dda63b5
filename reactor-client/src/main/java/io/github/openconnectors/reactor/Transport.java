package io.github.openconnectors.reactor;

import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.logging.LoggingHandler;
import io.netty.util.NetUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;
import reactor.netty.NettyPipeline;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Reactor Netty side of a client: the base URL checked, the connection pool, and the {@code
 * HttpClient} for that URL with its timeouts, headers, TLS and, if the application turned it on,
 * the redacted wiretap. {@link OpenConnectorsClient} reads as its API; this is how it talks.
 */
final class Transport {

  private static final String REDACTING_WIRETAP = "openconnectors.redactingWiretap";

  /** What a base URL looks like, for messages that say what it must be. */
  static final String EXAMPLE =
      "https://api.openconnectors.us2.ext.hana.ondemand.com" + Failures.API_PATH;

  private final ConnectionProvider pool;
  private final HttpClient http;

  /**
   * Builds the pool, then the client on it; the application's customizers apply last.
   *
   * @param baseUrl as {@link #baseUrl} checked it
   */
  Transport(
      URI baseUrl,
      int maxConnections,
      Duration connectTimeout,
      Duration responseTimeout,
      Duration maxIdleTime,
      UnaryOperator<ConnectionProvider.Builder> connectionPool,
      UnaryOperator<HttpClient> httpClient) {
    ConnectionProvider.Builder poolBuilder =
        ConnectionProvider.builder("openconnectors")
            .maxConnections(maxConnections)
            // Demand is bounded by subscribers; requests wait for a connection rather than fail.
            .pendingAcquireMaxCount(-1)
            .pendingAcquireTimeout(connectTimeout.plus(responseTimeout))
            .maxIdleTime(maxIdleTime)
            .evictInBackground(maxIdleTime.dividedBy(2));
    this.pool =
        Objects.requireNonNull(
                connectionPool.apply(poolBuilder), "the connectionPool customizer returned null")
            .build();
    HttpClient http =
        HttpClient.create(pool)
            // Host, port and path set apart, never as one URL for Reactor Netty to take apart:
            // it read "127.0.0.1:9" as a host name to look up.
            .host(bareHost(baseUrl.getHost()))
            .port(port(baseUrl))
            .baseUrl(trimTrailingSlash(baseUrl.getRawPath()))
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
            .responseTimeout(responseTimeout)
            .headers(
                headers ->
                    headers
                        .set(HttpHeaderNames.ACCEPT, "application/json")
                        .set(HttpHeaderNames.USER_AGENT, "openconnectors-reactive"));
    if (baseUrl.getScheme().equals("https")) {
      http = http.secure();
    }
    this.http = redactWiretap(httpClient.apply(http));
  }

  ConnectionProvider pool() {
    return pool;
  }

  HttpClient http() {
    return http;
  }

  /**
   * The base URL, checked: an http(s) URL with a host, no user-info, query or fragment, and https
   * unless the host is loopback or plain http is allowed. Messages never quote it.
   *
   * @throws IllegalArgumentException if it is none of that
   */
  static URI baseUrl(String baseUrl, boolean allowInsecureHttp) {
    URI url = parseBaseUrl(baseUrl);
    if (url.getScheme().equals("http") && !allowInsecureHttp && !isLoopback(url.getHost())) {
      throw new IllegalArgumentException(
          "baseUrl must use https: credentials would travel in clear to "
              + url.getHost()
              + " (call allowInsecureHttp() to allow it on a test network)");
    }
    return url;
  }

  /**
   * If the user turned the wiretap on, its handler, which would log raw bytes, is swapped for one
   * behind the HTTP codec that logs heads redacted and never a body. Without the codec (a transport
   * this client does not set up) nothing is logged rather than bytes.
   */
  private static HttpClient redactWiretap(HttpClient http) {
    LoggingHandler wiretap = http.configuration().loggingHandler();
    if (wiretap == null) {
      return http;
    }
    RedactingLoggingHandler redacting =
        new RedactingLoggingHandler(HttpClient.class.getName(), wiretap.level());
    return http.doOnChannelInit(
        (observer, channel, address) -> {
          ChannelPipeline pipeline = channel.pipeline();
          if (pipeline.get(NettyPipeline.LoggingHandler) != null) {
            pipeline.remove(NettyPipeline.LoggingHandler);
          }
          if (pipeline.get(NettyPipeline.HttpCodec) != null) {
            pipeline.addAfter(NettyPipeline.HttpCodec, REDACTING_WIRETAP, redacting);
          }
        });
  }

  private static String bareHost(String host) {
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  private static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return url.getScheme().equals("https") ? 443 : 80;
  }

  private static String trimTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * Parses the base URL without ever quoting it: it may hold a password in its user-info, which
   * must not reach a message, a log line or a name lookup.
   */
  private static URI parseBaseUrl(String baseUrl) {
    if (!baseUrl.contains("://")) {
      // Without a scheme, java.net.URI reads "host:port/..." as a scheme and fails, or succeeds,
      // in terms a user cannot act on.
      throw new IllegalArgumentException(
          "baseUrl must start with https:// (or http:// on loopback), such as " + EXAMPLE, null);
    }
    URI url;
    try {
      url = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "baseUrl is not a URL: " + e.getReason() + " at index " + e.getIndex(), null);
    }
    String authority = url.getRawAuthority();
    if (url.getRawUserInfo() != null || (authority != null && authority.contains("@"))) {
      throw new IllegalArgumentException(
          "baseUrl must not hold a user name or password (before '@'): give credentials with"
              + " credentials(...), credentialsProvider(...) or bearerLogin(...)");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL"
              + (scheme.isEmpty() ? ", it has no scheme" : ", not " + scheme));
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException(
          "baseUrl must name a host (and a port, if any, as digits)");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or a fragment");
    }
    try {
      // Without a trailing slash: paths are appended to it, and ".../api-v2/" is the same API.
      return new URI(
          scheme, null, url.getHost(), url.getPort(), trimTrailingSlash(url.getPath()), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl is not a URL: " + e.getReason(), null);
    }
  }

  /** Loopback by its literal form only: no name lookup, which could block. */
  private static boolean isLoopback(String host) {
    String bare = bareHost(host);
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    byte[] address = NetUtil.createByteArrayFromIpAddressString(bare);
    if (address == null) {
      return false;
    }
    if (address.length == 4) {
      return address[0] == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[15] == 1;
  }
}
