package io.github.openconnectors.spring;

import reactor.core.publisher.Mono;

/**
 * The application's handling of the service's event notifications, as a bean: the receiving
 * endpoint ({@code openconnectors.events.path}) calls it with each delivery it has verified, once
 * per {@code Elements-Webhook-Id}, and answers the service when the returned {@code Mono} ends: 200
 * when it completes, 500 when it fails, so that the service delivers the event again. An event is
 * acknowledged only once the application has taken it: none is lost.
 *
 * <pre>{@code
 * @Bean
 * OpenConnectorsEventHandler events(ContactsSync sync) {
 *   return event -> sync.apply(event.json().path("message"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface OpenConnectorsEventHandler {

  /**
   * Handles one verified delivery.
   *
   * @param event the delivery, its signature verified
   * @return completes when the application has taken the event; an error makes the service deliver
   *     it again
   */
  Mono<Void> handle(WebhookEvent event);
}
