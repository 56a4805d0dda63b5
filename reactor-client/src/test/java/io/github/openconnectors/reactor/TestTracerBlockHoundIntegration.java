package io.github.openconnectors.reactor;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Allows the lock of Micrometer's test tracer, which these tests use to see spans: {@code
 * SimpleTracer} keeps its spans in a {@code LinkedBlockingDeque}, whose lock parks an event loop
 * when two spans start at once (pages read ahead). It is the test tracer's, not the client's: a
 * real tracer bridge brings its own BlockHound integration.
 */
public final class TestTracerBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder
        .allowBlockingCallsInside("io.micrometer.tracing.test.simple.SimpleSpanBuilder", "start")
        .allowBlockingCallsInside("io.micrometer.tracing.test.simple.SimpleTracer", "nextSpan");
  }
}
