package io.github.openconnectors.reactor;

import io.netty.handler.codec.http.QueryStringEncoder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request's path and query: percent-encoded for the wire, without values for messages, and as a
 * template of few values for metrics ({@code /instances/{id}}).
 */
final class RequestUri {

  private static final String[] HUB_TEMPLATES = {
    "/hubs/{hub}",
    "/hubs/{hub}/{resource}",
    "/hubs/{hub}/{resource}/{id}",
    "/hubs/{hub}/{resource}/{id}/{child}",
    "/hubs/{hub}/{resource}/{id}/{child}/{childId}",
    "/hubs/{hub}/{resource}/{id}/{child}/{childId}/..."
  };

  private final QueryStringEncoder encoder;
  private final List<String> names = new ArrayList<>(4);
  // Every parameter given, in order, so that a copy can add one more.
  private final List<String[]> params = new ArrayList<>(4);
  private final String path;
  private final String template;

  /** A path that is its own template, such as {@code /instances}. */
  RequestUri(String path) {
    this(path, path);
  }

  RequestUri(String template, String path) {
    this.template = template;
    this.path = path;
    this.encoder = new QueryStringEncoder(path);
  }

  /**
   * A connector path, {@code /hubs/crm/accounts/7}: its template names no hub, object or id, which
   * are as many as an application's records.
   */
  static RequestUri hub(String hubPath) {
    int segments = 0;
    for (int i = "/hubs".length(); i < hubPath.length(); i++) {
      if (hubPath.charAt(i) == '/') {
        segments++;
      }
    }
    int index = Math.min(Math.max(segments, 1), HUB_TEMPLATES.length) - 1;
    return new RequestUri(HUB_TEMPLATES[index], hubPath);
  }

  RequestUri param(String name, @Nullable Object value) {
    if (value != null) {
      encoder.addParam(name, value.toString());
      params.add(new String[] {name, value.toString()});
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return this;
  }

  /**
   * A copy with one parameter more (none when the value is null), leaving this one as it was: the
   * same listing's page after page, each with its own cursor.
   */
  RequestUri with(String name, @Nullable Object value) {
    RequestUri copy = new RequestUri(template, path);
    for (String[] param : params) {
      copy.param(param[0], param[1]);
    }
    return copy.param(name, value);
  }

  /** Percent-encoded, ready to send. */
  String value() {
    return encoder.toString();
  }

  /** The path with its variable parts named, such as {@code /instances/{id}}: no query. */
  String template() {
    return template;
  }

  /** The path, without the query: {@code /instances}. */
  String path() {
    return path;
  }

  /** The query's names, without their values: {@code pageSize, nextPage}, or empty. */
  String queryNames() {
    return String.join(", ", names);
  }

  /** The path and the query's names only, such as {@code /instances?pageSize&nextPage}. */
  String safePath() {
    return names.isEmpty() ? path : path + "?" + String.join("&", names);
  }
}
