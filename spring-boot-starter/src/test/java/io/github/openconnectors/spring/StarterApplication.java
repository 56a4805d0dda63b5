package io.github.openconnectors.spring;

import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.InstanceQuery;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.Page;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A new user's application: WebFlux, Actuator, the starter, three properties, and a controller that
 * returns the library's {@link Instance} with no view record.
 */
@SpringBootApplication
class StarterApplication {

  @RestController
  static class InstancesController {

    private final OpenConnectorsClient client;

    InstancesController(OpenConnectorsClient client) {
      this.client = client;
    }

    @GetMapping(path = "/instances", produces = MediaType.APPLICATION_NDJSON_VALUE)
    Flux<Instance> ndjson() {
      return client.instances();
    }

    @GetMapping(path = "/instances", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<Instance> events() {
      return client.instances();
    }

    @GetMapping(path = "/instances", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<Instance> json() {
      return client.instances();
    }

    @GetMapping(path = "/pages", produces = MediaType.APPLICATION_JSON_VALUE)
    Flux<Page<Instance>> pages() {
      return client.instancePages(InstanceQuery.all().withPageSize(10));
    }

    @GetMapping(path = "/instances/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Instance> one(@PathVariable long id) {
      return client.instance(id);
    }
  }
}
