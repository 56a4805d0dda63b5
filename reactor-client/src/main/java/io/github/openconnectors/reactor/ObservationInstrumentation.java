package io.github.openconnectors.reactor;

import io.github.openconnectors.core.ApiKind;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/** One Micrometer observation per HTTP exchange: a timer and a span from one instrumentation. */
final class ObservationInstrumentation implements Instrumentation {

  // ObservationThreadLocalAccessor.KEY, where Reactor and Spring keep the current observation; the
  // literal, so that context-propagation need not be on the class path.
  private static final String PARENT_OBSERVATION = "micrometer.observation";
  private static final RequestObservationConvention DEFAULT =
      new DefaultRequestObservationConvention();

  private final ObservationRegistry registry;
  private final @Nullable RequestObservationConvention custom;

  ObservationInstrumentation(
      ObservationRegistry registry, @Nullable RequestObservationConvention custom) {
    this.registry = registry;
    this.custom = custom;
  }

  @Override
  public boolean observesExchanges() {
    return !registry.isNoop();
  }

  @Override
  public Exchange exchange(
      String method, RequestUri uri, @Nullable ApiKind kind, ContextView context) {
    RequestObservationContext observed =
        new RequestObservationContext(method, uri.template(), uri.safePath(), kind);
    Observation observation =
        Observation.createNotStarted(custom, DEFAULT, () -> observed, registry)
            .parentObservation(context.getOrDefault(PARENT_OBSERVATION, null))
            .start();
    AtomicBoolean ended = new AtomicBoolean();
    return new Exchange() {
      @Override
      public void addHeaders(HttpHeaders headers) {
        HttpHeaders carrier = observed.getCarrier();
        if (carrier != null) {
          headers.add(carrier);
        }
      }

      @Override
      public void responded(int status, @Nullable String requestId) {
        observed.responded(status, requestId);
      }

      @Override
      public void failed(Throwable failure) {
        observation.error(failure);
      }

      @Override
      public void end() {
        if (ended.compareAndSet(false, true)) {
          observation.stop();
        }
      }
    };
  }
}
