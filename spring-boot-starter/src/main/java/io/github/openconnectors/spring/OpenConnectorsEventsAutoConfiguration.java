package io.github.openconnectors.spring;

import io.github.openconnectors.core.EventSignatureKey;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The endpoint that receives the service's event notifications, in a WebFlux application with
 * {@code openconnectors.events.path} set: a {@code POST} route that verifies each delivery with
 * {@code openconnectors.events.signature-key} (and {@code previous-signature-key}, during a
 * rotation, and the application's own {@link EventSignatureKey} beans, one per instance whose key
 * differs) and hands it to the application's {@link OpenConnectorsEventHandler} bean. Each delivery
 * is observed as {@code openconnectors.events.received} (key {@code outcome}) when the application
 * has Micrometer's {@code ObservationRegistry}.
 *
 * <p>Why a handler bean rather than a {@code Flux} the application subscribes to: the service must
 * be answered for each delivery, and only an answer that waits for the application's own {@code
 * Mono} can say that the event was taken, or make the service deliver it again; as WebFlux's own
 * {@code HandlerFunction} does.
 */
@AutoConfiguration(after = OpenConnectorsAutoConfiguration.class)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnProperty(name = "openconnectors.events.path")
@EnableConfigurationProperties(OpenConnectorsEventsProperties.class)
public final class OpenConnectorsEventsAutoConfiguration {

  /** Made by Spring. */
  public OpenConnectorsEventsAutoConfiguration() {}

  /**
   * The receiving route.
   *
   * @param properties {@code openconnectors.events.*}
   * @param handlers the application's handler
   * @param keyBeans the application's own {@link EventSignatureKey} beans, also accepted: one per
   *     instance whose key differs, say, read from a vault
   * @param observers observes the deliveries, when the application has Micrometer
   * @return the route
   * @throws InvalidOpenConnectorsPropertiesException if no key is set, a key is unusable, or the
   *     application has no handler; the message never quotes a key
   */
  @Bean
  public RouterFunction<ServerResponse> openConnectorsEventsRoute(
      OpenConnectorsEventsProperties properties,
      ObjectProvider<OpenConnectorsEventHandler> handlers,
      ObjectProvider<EventSignatureKey> keyBeans,
      ObjectProvider<DeliveryObserver> observers) {
    String path = properties.getPath();
    if (path == null || !path.startsWith("/")) {
      throw invalid(
          "openconnectors.events.path must be a path starting with /",
          "openconnectors.events.path",
          "Set openconnectors.events.path to the path of the callback URL, such as"
              + " /openconnectors/events.");
    }
    List<EventSignatureKey> keys = new ArrayList<>();
    key(properties.getSignatureKey(), "events.signature-key", keys);
    key(properties.getPreviousSignatureKey(), "events.previous-signature-key", keys);
    keyBeans.orderedStream().forEach(keys::add);
    if (keys.isEmpty()) {
      throw invalid(
          "openconnectors.events.signature-key is required with openconnectors.events.path",
          "openconnectors.events.signature-key",
          "Set openconnectors.events.signature-key to the instances'"
              + " event.notification.signature.key, or define EventSignatureKey beans.");
    }
    OpenConnectorsEventHandler handler = handlers.getIfUnique();
    if (handler == null) {
      throw invalid(
          "openconnectors.events.path is set, but the application has no single"
              + " OpenConnectorsEventHandler bean to hand the events to",
          "openconnectors.events.path",
          "Define an OpenConnectorsEventHandler bean, or unset openconnectors.events.path.");
    }
    if (properties.getMaxInFlight() < 1 || properties.getRememberedIds() < 0) {
      throw invalid(
          "openconnectors.events.max-in-flight must be at least 1 and remembered-ids not negative",
          "openconnectors.events.max-in-flight",
          "Correct openconnectors.events.max-in-flight and remembered-ids.");
    }
    EventReceiver receiver =
        new EventReceiver(
            path,
            keys,
            handler,
            (int) Math.min(Integer.MAX_VALUE, properties.getMaxBodySize().toBytes()),
            properties.getMaxInFlight(),
            properties.getRememberedIds(),
            properties.getBusyRetryAfter(),
            observers.getIfAvailable(() -> DeliveryObserver.NONE));
    return RouterFunctions.route(RequestPredicates.POST(path), receiver);
  }

  private static void key(
      @Nullable String configured, String property, List<EventSignatureKey> keys) {
    String value = Placeholders.resolved(configured, property);
    if (value == null) {
      return;
    }
    try {
      keys.add(EventSignatureKey.of(value));
    } catch (IllegalArgumentException unusable) {
      // The message names the fault, never the key.
      throw invalid(
          "openconnectors." + property + " is not usable: " + unusable.getMessage(),
          "openconnectors." + property,
          "Set openconnectors." + property + " to the instances' signature key as it is.");
    }
  }

  private static InvalidOpenConnectorsPropertiesException invalid(
      String problem, String property, String action) {
    return new InvalidOpenConnectorsPropertiesException(problem, List.of(property), action);
  }

  /**
   * Micrometer's part, loaded only where Micrometer is: an observation per delivery, {@code
   * openconnectors.events.received} with the low-cardinality key {@code outcome}, as the client's
   * requests are observed (a timer, and a span where the application traces).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObservationRegistry.class)
  static class Observations {

    @Bean
    DeliveryObserver openConnectorsEventsObserver(ObjectProvider<ObservationRegistry> registries) {
      ObservationRegistry registry = registries.getIfUnique(() -> ObservationRegistry.NOOP);
      return () -> {
        Observation delivery =
            Observation.createNotStarted("openconnectors.events.received", registry)
                .contextualName("openconnectors event delivery")
                .start();
        return outcome -> delivery.lowCardinalityKeyValue("outcome", outcome).stop();
      };
    }
  }
}
