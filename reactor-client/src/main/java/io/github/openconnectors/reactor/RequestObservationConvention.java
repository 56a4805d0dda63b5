package io.github.openconnectors.reactor;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names the observation of a request to Open Connectors and gives its key values; {@link
 * DefaultRequestObservationConvention} is the default. Give another with {@link
 * MicrometerObservability#withConvention(RequestObservationConvention)}, for example to add a key
 * value and delegate the rest to the default.
 */
public interface RequestObservationConvention
    extends ObservationConvention<RequestObservationContext> {

  @Override
  default boolean supportsContext(Observation.Context context) {
    return context instanceof RequestObservationContext;
  }
}
