package io.github.openconnectors.emulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The emulator's endpoints: each a method, a path template and what answers it, so that a new
 * endpoint is one line. A template's segment {@code {name}} matches one segment of the path (the
 * handler gets it), and a last segment {@code **} matches one or more.
 *
 * @param <C> what a handler is given of the request
 */
final class Routes<C> {

  private final List<Route<C>> routes = new ArrayList<>();

  /** Adds a route; routes are tried in the order they were added. */
  Routes<C> add(String method, String template, BiFunction<C, List<String>, Mono<Reply>> handler) {
    routes.add(new Route<>(method, template.split("/", -1), handler));
    return this;
  }

  /**
   * The answer of the route for this method and path.
   *
   * @param methodNotAllowed the answer when routes have the path but none has the method, given the
   *     methods they have, such as {@code "POST"}
   * @param notFound the answer when no route has the path
   */
  Mono<Reply> dispatch(
      String method,
      String path,
      C request,
      Function<String, Mono<Reply>> methodNotAllowed,
      Supplier<Mono<Reply>> notFound) {
    String[] segments = path.split("/", -1);
    Set<String> allowed = new LinkedHashSet<>();
    for (Route<C> route : routes) {
      List<String> variables = route.match(segments);
      if (variables == null) {
        continue;
      }
      if (route.method.equals(method)) {
        return route.handler.apply(request, variables);
      }
      allowed.add(route.method);
    }
    return allowed.isEmpty() ? notFound.get() : methodNotAllowed.apply(String.join(", ", allowed));
  }

  private static final class Route<C> {
    final String method;
    final String[] template;
    final BiFunction<C, List<String>, Mono<Reply>> handler;

    Route(String method, String[] template, BiFunction<C, List<String>, Mono<Reply>> handler) {
      this.method = method;
      this.template = template;
      this.handler = handler;
    }

    /** The values of the template's variables in the path, or null if the path is not this. */
    @Nullable List<String> match(String[] segments) {
      List<String> variables = new ArrayList<>(1);
      for (int i = 0; i < template.length; i++) {
        String expected = template[i];
        if (expected.equals("**") && i == template.length - 1) {
          return segments.length > i ? variables : null;
        }
        if (i >= segments.length) {
          return null;
        }
        if (expected.startsWith("{") && expected.endsWith("}")) {
          variables.add(segments[i]);
        } else if (!expected.equals(segments[i])) {
          return null;
        }
      }
      return segments.length == template.length ? variables : null;
    }
  }
}
