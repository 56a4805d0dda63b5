package com.example;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The guide's receiving route (docs/events.md): a genuine event is taken, a forged one refused. */
class EventsRouterTest {

  final WebTestClient web = WebTestClient.bindToRouterFunction(new EventsRouter().events()).build();
  final EventSignatureKey key = EventSignatureKey.of("MySecretEventSignatureKey");
  final byte[] body =
      "{\"message\":{\"events\":[{\"objectId\":\"7\",\"eventType\":\"UPDATED\"}]}}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  void aSignedEventIsTaken() {
    web.post().uri("/events")
        .header(WebhookSignature.HEADER, WebhookSignature.sign(key, body))
        .bodyValue(body)
        .exchange()
        .expectStatus().isOk();
  }

  @Test
  void aTamperedOrUnsignedEventIsRefused() {
    String signature = WebhookSignature.sign(key, body);
    byte[] tampered = body.clone();
    tampered[tampered.length - 3] ^= 1;
    web.post().uri("/events")
        .header(WebhookSignature.HEADER, signature)
        .bodyValue(tampered)
        .exchange()
        .expectStatus().isUnauthorized();
    web.post().uri("/events").bodyValue(body).exchange().expectStatus().isUnauthorized();
  }
}
