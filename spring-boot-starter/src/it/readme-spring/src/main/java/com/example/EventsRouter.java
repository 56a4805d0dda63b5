package com.example;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Configuration
class EventsRouter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  RouterFunction<ServerResponse> events() {
    EventSignatureKey key = EventSignatureKey.of(System.getProperty("event.key", "MySecretEventSignatureKey")); // from your secrets
    return RouterFunctions.route()
        .POST("/events", request -> request.bodyToMono(byte[].class)   // the raw bytes, as signed
            .defaultIfEmpty(new byte[0])
            .flatMap(body -> {
              String signature = request.headers().firstHeader(WebhookSignature.HEADER);
              if (!WebhookSignature.verify(key, body, signature)) {   // before parsing anything
                return ServerResponse.status(HttpStatus.UNAUTHORIZED).build();
              }
              JsonNode event = JSON.readTree(body);                   // now it may be read
              return handle(event).then(ServerResponse.ok().build());
            }))
        .build();
  }

  Mono<Void> handle(JsonNode event) {
    return Mono.empty(); // the application's own work
  }
}
