package com.example;

import io.github.openconnectors.spring.OpenConnectorsEventHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

@Configuration
class EventHandlerConfiguration {

  @Bean
  OpenConnectorsEventHandler openConnectorsEvents() {
    return event -> {                                    // verified, once per Elements-Webhook-Id
      JsonNode message = event.json().path("message");
      return apply(message);                             // 200 when it completes, 500 if it fails
    };
  }

  Mono<Void> apply(JsonNode message) {
    return Mono.empty(); // the application's own work
  }
}
