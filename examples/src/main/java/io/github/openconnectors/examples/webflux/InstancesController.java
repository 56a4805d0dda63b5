package io.github.openconnectors.examples.webflux;

import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.InstanceQuery;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/instances} as NDJSON or Server-Sent Events, and {@code GET /api/instances/{id}}.
 *
 * <p>The listing goes straight from the client's {@code Flux} to the response: WebFlux writes each
 * instance as it is decoded and asks for more only as the connection drains, and the client asks
 * the service for the next page only when that demand reaches it. A client that disconnects cancels
 * the listing, which releases the upstream connection.
 *
 * <p>It returns the library's {@link Instance}, which Jackson writes without its token or
 * configuration values; the client is the Spring Boot starter's bean, from {@code openconnectors.*}
 * in {@code application.properties}.
 */
@RestController
@RequestMapping("/api/instances")
final class InstancesController {

  private final OpenConnectorsClient client;

  InstancesController(OpenConnectorsClient client) {
    this.client = client;
  }

  /** Every instance, one JSON object per line. */
  @GetMapping(produces = MediaType.APPLICATION_NDJSON_VALUE)
  Flux<Instance> ndjson(
      @RequestParam(name = "tag", required = false) @Nullable List<String> tags,
      @RequestParam(name = "search", required = false) @Nullable String search,
      @RequestParam(name = "limit", required = false) @Nullable Long limit) {
    return listing(tags, search, limit);
  }

  /**
   * Every instance as an event {@code instance} whose id is the instance's. A failure after the
   * first event, when the status has gone out, arrives as an event {@code error} holding the
   * problem, so that the client can tell it from the end of the listing.
   */
  @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<Object>> events(
      @RequestParam(name = "tag", required = false) @Nullable List<String> tags,
      @RequestParam(name = "search", required = false) @Nullable String search,
      @RequestParam(name = "limit", required = false) @Nullable Long limit) {
    return Flux.defer(
        () -> {
          AtomicBoolean started = new AtomicBoolean();
          return listing(tags, search, limit)
              .<ServerSentEvent<Object>>map(
                  instance ->
                      ServerSentEvent.builder((Object) instance)
                          .id(Long.toString(instance.id()))
                          .event("instance")
                          .build())
              .doOnNext(event -> started.set(true))
              .onErrorResume(
                  error -> {
                    if (!started.get()) {
                      return Flux.error(error); // a proper status and problem, by the advice
                    }
                    ProblemDetail problem = OpenConnectorsProblems.problem(error);
                    return Flux.just(
                        ServerSentEvent.builder((Object) problem).event("error").build());
                  });
        });
  }

  /** One instance; a problem with status 404 when there is none. */
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<Instance> one(@PathVariable("id") long id) {
    return client.instance(id);
  }

  private Flux<Instance> listing(
      @Nullable List<String> tags, @Nullable String search, @Nullable Long limit) {
    InstanceQuery query = InstanceQuery.all();
    try {
      if (tags != null && !tags.isEmpty()) {
        query = query.withTags(tags.toArray(String[]::new));
      }
      if (search != null) {
        query = query.withSearchText(search);
      }
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    if (limit != null && limit < 0) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must not be negative");
    }
    Flux<Instance> instances = client.instances(query);
    return limit == null ? instances : instances.take(limit);
  }
}
