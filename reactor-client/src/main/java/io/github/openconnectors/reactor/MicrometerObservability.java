package io.github.openconnectors.reactor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a client reports its work in Micrometer, given to {@link
 * OpenConnectorsClient.Builder#observability(MicrometerObservability)}. Micrometer is an optional
 * dependency: its types appear here and nowhere in the client's own API, so that an application
 * without Micrometer loads and uses the client, by reflection too.
 *
 * <ul>
 *   <li><b>Observations</b> ({@code io.micrometer:micrometer-observation}): every request, each
 *       attempt and the log-in included, is one {@code Observation} named {@value
 *       DefaultRequestObservationConvention#NAME}, with the key values of the {@link
 *       DefaultRequestObservationConvention} (or of the {@link
 *       #withConvention(RequestObservationConvention) convention given}). With a meter handler in
 *       the registry it is a timer; with a tracing handler, a span, propagated in the request's
 *       headers. The observation in the subscriber's Reactor context (under {@code
 *       micrometer.observation}, where Spring puts it) is its parent.
 *   <li><b>Meters</b> ({@code io.micrometer:micrometer-core}): counters of the work beside the
 *       requests: {@code openconnectors.client.credentials.refreshes} (tags {@code credentials}:
 *       {@code provider}, {@code bearer-login} or {@code instance-token}; {@code outcome}: {@code
 *       success} or {@code failure}; {@code exception}), {@code
 *       openconnectors.client.unauthorized.resends} (tag {@code api.kind}), {@code
 *       openconnectors.client.retries} (tag {@code reason}: {@code rate-limited}, {@code
 *       server-error} or {@code connection}), and {@code openconnectors.client.items} and {@code
 *       openconnectors.client.pages} of listings (tag {@code uri}, a template such as {@code
 *       /instances}). Refreshes of a {@link CachingCredentialsProvider} the application gives the
 *       client are counted while the client is open.
 * </ul>
 *
 * <p>No tag, key value, span or event holds a secret or a value from a response body. Reactor
 * Netty's connection-pool metrics are turned on apart, with {@link
 * OpenConnectorsClient.Builder#connectionPool(java.util.function.UnaryOperator)}.
 *
 * <pre>{@code
 * OpenConnectorsClient.builder()
 *     .observability(MicrometerObservability.of(observationRegistry, meterRegistry))
 * }</pre>
 */
public final class MicrometerObservability {

  private final @Nullable ObservationRegistry observations;
  private final @Nullable MeterRegistry meters;
  private final @Nullable RequestObservationConvention convention;

  private MicrometerObservability(
      @Nullable ObservationRegistry observations,
      @Nullable MeterRegistry meters,
      @Nullable RequestObservationConvention convention) {
    this.observations = observations;
    this.meters = meters;
    this.convention = convention;
  }

  /**
   * Observations of requests, without the counters.
   *
   * @param observations the application's observation registry
   * @return the observability
   */
  public static MicrometerObservability of(ObservationRegistry observations) {
    return new MicrometerObservability(
        Objects.requireNonNull(observations, "observations"), null, null);
  }

  /**
   * Observations of requests and the counters.
   *
   * @param observations the application's observation registry
   * @param meters the application's meter registry
   * @return the observability
   */
  public static MicrometerObservability of(ObservationRegistry observations, MeterRegistry meters) {
    return new MicrometerObservability(
        Objects.requireNonNull(observations, "observations"),
        Objects.requireNonNull(meters, "meters"),
        null);
  }

  /**
   * The counters only, without observations of requests.
   *
   * @param meters the application's meter registry
   * @return the observability
   */
  public static MicrometerObservability of(MeterRegistry meters) {
    return new MicrometerObservability(null, Objects.requireNonNull(meters, "meters"), null);
  }

  /**
   * The same, with the observations named and given key values by another convention.
   *
   * @param convention for example one that adds a key value and delegates the rest to the default
   * @return a new observability
   */
  public MicrometerObservability withConvention(RequestObservationConvention convention) {
    return new MicrometerObservability(
        observations, meters, Objects.requireNonNull(convention, "convention"));
  }

  Instrumentation instrumentation() {
    return Instrumentation.all(
        List.of(
            observations == null
                ? Instrumentation.NONE
                : new ObservationInstrumentation(observations, convention),
            meters == null ? Instrumentation.NONE : new MeterInstrumentation(meters)));
  }

  /**
   * Says what is observed, never more.
   *
   * @return for example {@code "MicrometerObservability[observations=true, meters=true]"}
   */
  @Override
  public String toString() {
    return "MicrometerObservability[observations="
        + (observations != null)
        + ", meters="
        + (meters != null)
        + "]";
  }
}
