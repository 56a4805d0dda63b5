package com.example;

import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

@RestController
class InstancesController {
  private final OpenConnectorsClient client;              // the starter's bean

  InstancesController(OpenConnectorsClient client) {
    this.client = client;
  }

  @GetMapping(path = "/instances", produces = MediaType.APPLICATION_NDJSON_VALUE)
  Flux<Instance> instances() {
    return client.instances();            // written without tokens or configuration values
  }
}
