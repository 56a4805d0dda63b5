package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import java.util.Locale;

/**
 * The observation of a request as Spring's and Micrometer's HTTP client conventions have it: named
 * {@value #NAME}, so that its timer has that name, with these key values.
 *
 * <table>
 *   <caption>Low cardinality: tags of the timer and of the span</caption>
 *   <tr><th>key</th><th>values</th></tr>
 *   <tr><td>{@code method}</td><td>{@code GET}, {@code POST}</td></tr>
 *   <tr><td>{@code uri}</td><td>the template, such as {@code /instances/{id}}</td></tr>
 *   <tr><td>{@code status}</td><td>the status code, or {@code CLIENT_ERROR} when no response
 *       came</td></tr>
 *   <tr><td>{@code outcome}</td><td>{@code SUCCESS}, {@code REDIRECTION}, {@code CLIENT_ERROR},
 *       {@code SERVER_ERROR}, {@code INFORMATIONAL} or {@code UNKNOWN}</td></tr>
 *   <tr><td>{@code api.kind}</td><td>{@code platform}, {@code connector},
 *       {@code platform-and-connector}, or {@code none} for the log-in</td></tr>
 *   <tr><td>{@code exception}</td><td>the failure's simple class name, or {@code none}</td></tr>
 * </table>
 *
 * <p>High cardinality, on the span only: {@code http.url}, the path with its query's names and
 * without their values, and {@code request.id}, the service's request id. No key value ever holds a
 * secret.
 */
public final class DefaultRequestObservationConvention implements RequestObservationConvention {

  /** The observation's name, and so its timer's. */
  public static final String NAME = "openconnectors.client.requests";

  /** Makes the default convention. */
  public DefaultRequestObservationConvention() {}

  @Override
  public String getName() {
    return NAME;
  }

  /**
   * The span's name.
   *
   * @return such as {@code GET /instances/{id}}
   */
  @Override
  public String getContextualName(RequestObservationContext context) {
    return context.method() + " " + context.uriTemplate();
  }

  @Override
  public KeyValues getLowCardinalityKeyValues(RequestObservationContext context) {
    int status = context.status();
    Throwable error = context.getError();
    return KeyValues.of(
        KeyValue.of("method", context.method()),
        KeyValue.of("uri", context.uriTemplate()),
        KeyValue.of("status", status == 0 ? "CLIENT_ERROR" : Integer.toString(status)),
        KeyValue.of("outcome", outcome(status)),
        KeyValue.of(
            "api.kind",
            context.apiKind().map(DefaultRequestObservationConvention::kind).orElse("none")),
        KeyValue.of("exception", error == null ? "none" : error.getClass().getSimpleName()));
  }

  @Override
  public KeyValues getHighCardinalityKeyValues(RequestObservationContext context) {
    KeyValues values = KeyValues.of(KeyValue.of("http.url", context.path()));
    return context.requestId().map(id -> values.and("request.id", id)).orElse(values);
  }

  private static String kind(ApiKind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String outcome(int status) {
    if (status >= 100 && status < 200) {
      return "INFORMATIONAL";
    }
    if (status >= 200 && status < 300) {
      return "SUCCESS";
    }
    if (status >= 300 && status < 400) {
      return "REDIRECTION";
    }
    if (status >= 400 && status < 500) {
      return "CLIENT_ERROR";
    }
    if (status >= 500 && status < 600) {
      return "SERVER_ERROR";
    }
    return "UNKNOWN";
  }
}
