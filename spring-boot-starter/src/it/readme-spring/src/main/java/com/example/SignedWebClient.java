package com.example;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.spring.OpenConnectorsExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/** The guide's own WebClient (docs/spring-boot.md), signed by the starter's filter. */
class SignedWebClient {

  /** A user's record of the connector API. */
  record Contact(String id, String name) {}

  void contacts(OpenConnectorsClient client, OpenConnectorsExchangeFilterFunction filter) {
    WebClient openConnectors = WebClient.builder()
        .baseUrl(client.baseUrl().toString())
        .filter(filter)                                       // the starter's bean
        .build();
    openConnectors.get().uri("/hubs/crm/contacts")
        .attributes(OpenConnectorsExchangeFilterFunction.instance(42))
        .retrieve().bodyToFlux(Contact.class);
  }
}
