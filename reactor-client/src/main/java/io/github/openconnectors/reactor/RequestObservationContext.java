package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.micrometer.observation.transport.RequestReplySenderContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one request to Open Connectors knows: read by a {@link
 * RequestObservationConvention} to name the observation and give its key values. Its carrier is the
 * request's extra headers, where a tracer bridge puts its propagation headers ({@code
 * traceparent}). It holds no secret: the path has its query values removed, and credentials are
 * never part of it.
 */
public final class RequestObservationContext
    extends RequestReplySenderContext<HttpHeaders, Integer> {

  private final String method;
  private final String uriTemplate;
  private final String path;
  private final @Nullable ApiKind apiKind;
  private int status;
  private @Nullable String requestId;

  RequestObservationContext(
      String method, String uriTemplate, String path, @Nullable ApiKind apiKind) {
    super(
        (carrier, name, value) -> {
          if (carrier != null) {
            carrier.set(name, value);
          }
        });
    this.method = method;
    this.uriTemplate = uriTemplate;
    this.path = path;
    this.apiKind = apiKind;
    setCarrier(new DefaultHttpHeaders());
    setRemoteServiceName("openconnectors");
  }

  /**
   * The HTTP method.
   *
   * @return such as {@code GET}
   */
  public String method() {
    return method;
  }

  /**
   * The request's path with its variable parts named.
   *
   * @return such as {@code /instances/{id}} or {@code /hubs/{hub}/{resource}}
   */
  public String uriTemplate() {
    return uriTemplate;
  }

  /**
   * The request's path, and its query's names without their values.
   *
   * @return such as {@code /instances?pageSize&nextPage}
   */
  public String path() {
    return path;
  }

  /**
   * Which credentials the request carries.
   *
   * @return the API kind, or empty for the log-in, which carries none
   */
  public Optional<ApiKind> apiKind() {
    return Optional.ofNullable(apiKind);
  }

  /**
   * The response's status.
   *
   * @return the status code, or 0 while there is no response (or none came)
   */
  public int status() {
    return status;
  }

  /**
   * The service's {@code Elements-Request-Id} for the request.
   *
   * @return the request id, or empty when the response had none
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  void responded(int status, @Nullable String requestId) {
    this.status = status;
    this.requestId = requestId;
    setResponse(status);
  }
}
