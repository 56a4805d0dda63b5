package com.example;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.reactor.OpenConnectorsClient;

public class FirstSteps {
  public static void main(String[] args) {
    try (OpenConnectorsClient client = OpenConnectorsClient.builder()
            .baseUrl("https://api.openconnectors.us2.ext.hana.ondemand.com/elements/api-v2")
            .credentials(Credentials.fromEnvironment())   // OPEN_CONNECTORS_USER_SECRET, ..._ORGANIZATION_SECRET
            .build()) {
      client.instances()                                   // every page, lazily
          .filter(instance -> !instance.disabled())
          .map(instance -> instance.name().orElse("(unnamed)"))
          .take(10)
          .doOnNext(System.out::println)
          .blockLast();                                    // in a WebFlux app, return the Flux instead
    }
  }
}
