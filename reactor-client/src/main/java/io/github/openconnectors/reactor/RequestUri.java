package io.github.openconnectors.reactor;

import io.netty.handler.codec.http.QueryStringEncoder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A request's path and query: percent-encoded for the wire, and without values for messages. */
final class RequestUri {

  private final QueryStringEncoder encoder;
  private final List<String> names = new ArrayList<>(4);
  private final String path;

  RequestUri(String path) {
    this.path = path;
    this.encoder = new QueryStringEncoder(path);
  }

  RequestUri param(String name, @Nullable Object value) {
    if (value != null) {
      encoder.addParam(name, value.toString());
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return this;
  }

  /** Percent-encoded, ready to send. */
  String value() {
    return encoder.toString();
  }

  /** The path and the query's names only, such as {@code /instances?pageSize&nextPage}. */
  String safePath() {
    return names.isEmpty() ? path : path + "?" + String.join("&", names);
  }
}
