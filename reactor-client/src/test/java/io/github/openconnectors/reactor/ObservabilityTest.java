package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.awaitPoolIdle;
import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ObservabilityTest {

  OpenConnectorsEmulator emulator;
  long id;
  TestObservationRegistry observations;
  SimpleMeterRegistry meters;
  SimpleTracer tracer;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instances(25)
            .account("ops@example.com", "the-log-in-password")
            .start();
    id = emulator.firstGeneratedId();
    meters = new SimpleMeterRegistry();
    tracer = new SimpleTracer();
    observations = TestObservationRegistry.create();
    observations
        .observationConfig()
        .observationHandler(new DefaultMeterObservationHandler(meters))
        .observationHandler(new PropagatingSenderTracingObservationHandler<>(tracer, TRACE_ID));
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  OpenConnectorsClient observedClient() {
    return client(emulator, b -> b.observability(MicrometerObservability.of(observations, meters)));
  }

  @Test
  void aLookupIsOneObservationWithTheConventionsKeyValues() {
    try (OpenConnectorsClient client = observedClient()) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo("openconnectors.client.requests", 1)
        .hasObservationWithNameEqualTo("openconnectors.client.requests")
        .that()
        .hasContextualNameEqualTo("GET /instances/{id}")
        .hasLowCardinalityKeyValue("method", "GET")
        .hasLowCardinalityKeyValue("uri", "/instances/{id}")
        .hasLowCardinalityKeyValue("status", "200")
        .hasLowCardinalityKeyValue("outcome", "SUCCESS")
        .hasLowCardinalityKeyValue("api.kind", "platform")
        .hasLowCardinalityKeyValue("exception", "none")
        .hasHighCardinalityKeyValue("http.url", "/instances/" + id)
        .hasBeenStarted()
        .hasBeenStopped();
    assertThat(
            meters
                .get("openconnectors.client.requests")
                .tags("uri", "/instances/{id}", "status", "200")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void anotherConventionNamesTheObservationAndAddsToTheDefaultsKeyValues() {
    DefaultRequestObservationConvention defaults = new DefaultRequestObservationConvention();
    RequestObservationConvention byTeam =
        new RequestObservationConvention() {
          @Override
          public String getName() {
            return "crm.calls";
          }

          @Override
          public KeyValues getLowCardinalityKeyValues(RequestObservationContext context) {
            return defaults.getLowCardinalityKeyValues(context).and("team", "crm");
          }
        };
    try (OpenConnectorsClient client =
        client(
            emulator,
            b ->
                b.observability(MicrometerObservability.of(observations).withConvention(byTeam)))) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("crm.calls")
        .that()
        .hasLowCardinalityKeyValue("team", "crm")
        .hasLowCardinalityKeyValue("uri", "/instances/{id}");
  }

  @Test
  void aFailureIsObservedWithItsStatusAndException() {
    try (OpenConnectorsClient client = observedClient()) {
      StepVerifier.create(client.instance(999_999_999L))
          .expectError(NotFoundException.class)
          .verify();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("openconnectors.client.requests")
        .that()
        .hasLowCardinalityKeyValue("status", "404")
        .hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
        .hasLowCardinalityKeyValue("exception", "NotFoundException")
        .hasError();
  }

  @Test
  void aConnectionThatCannotBeMadeIsObservedWithoutAStatus() {
    OpenConnectorsClient client =
        OpenConnectorsClient.builder()
            .baseUrl("http://127.0.0.1:1/elements/api-v2")
            .credentials(emulator.platformCredentials())
            .retry(RetryPolicy.none())
            .observability(MicrometerObservability.of(observations))
            .build();
    try (client) {
      StepVerifier.create(client.instance(1)).expectError(ConnectionException.class).verify();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("openconnectors.client.requests")
        .that()
        .hasLowCardinalityKeyValue("status", "CLIENT_ERROR")
        .hasLowCardinalityKeyValue("outcome", "UNKNOWN")
        .hasLowCardinalityKeyValue("exception", "ConnectionException");
  }

  @Test
  void aListingCountsItsPagesAndItemsAndObservesEachPage() {
    try (OpenConnectorsClient client = observedClient()) {
      StepVerifier.create(client.instances(InstanceQuery.all().withPageSize(10)).count())
          .expectNext(25L)
          .verifyComplete();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo("openconnectors.client.requests", 3);
    assertThat(meters.get("openconnectors.client.items").tag("uri", "/instances").counter().count())
        .isEqualTo(25);
    assertThat(meters.get("openconnectors.client.pages").tag("uri", "/instances").counter().count())
        .isEqualTo(3);
  }

  @Test
  void aConnectorCallIsObservedUnderItsTemplateAndItsTokenLookupIsCounted() {
    try (OpenConnectorsClient client = observedClient()) {
      StepVerifier.create(client.connector(id).list("crm/accounts").count())
          .expectNextMatches(count -> count > 0)
          .verifyComplete();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasAnObservationWithAKeyValue("uri", "/hubs/{hub}/{resource}")
        .hasAnObservationWithAKeyValue("api.kind", "connector");
    assertThat(
            meters
                .get("openconnectors.client.credentials.refreshes")
                .tags("credentials", "instance-token", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aRotatedSecretCountsOneResendAndTheProvidersRefreshes() {
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(Mono.fromSupplier(emulator::platformCredentials))
            .build();
    try (OpenConnectorsClient client =
        client(
            emulator,
            b ->
                b.credentialsProvider(provider)
                    .observability(MicrometerObservability.of(observations, meters)))) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
      emulator.rotateUserSecret();
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
    }

    assertThat(meters.get("openconnectors.client.unauthorized.resends").counter().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("openconnectors.client.credentials.refreshes")
                .tags("credentials", "provider", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(
            meters
                .get("openconnectors.client.requests")
                .tags("status", "401", "outcome", "CLIENT_ERROR")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aClosedClientCountsNoMoreRefreshesOfTheApplicationsProvider() {
    CachingCredentialsProvider provider =
        CachingCredentialsProvider.builder(Mono.fromSupplier(emulator::platformCredentials))
            .build();
    OpenConnectorsClient client =
        client(
            emulator,
            b -> b.credentialsProvider(provider).observability(MicrometerObservability.of(meters)));
    StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
    client.close();

    provider.invalidate(emulator.platformCredentials());
    StepVerifier.create(provider.credentials()).expectNextCount(1).verifyComplete();

    assertThat(meters.get("openconnectors.client.credentials.refreshes").counter().count())
        .isEqualTo(1);
  }

  @Test
  void retriesAreCountedByReason() {
    emulator.inject(Fault.status(503).times(2));
    emulator.inject(Fault.tooManyRequests("0").times(1));
    try (OpenConnectorsClient client = observedClient()) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
    }

    assertThat(meters.get("openconnectors.client.retries").tag("reason", "server-error").counter())
        .satisfies(counter -> assertThat(counter.count()).isEqualTo(2));
    assertThat(meters.get("openconnectors.client.retries").tag("reason", "rate-limited").counter())
        .satisfies(counter -> assertThat(counter.count()).isEqualTo(1));
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo("openconnectors.client.requests", 4);
  }

  @Test
  void theLogInIsObservedAndItsRefreshesCounted() {
    try (OpenConnectorsClient client =
        client(
            emulator,
            b ->
                b.bearerLogin("ops@example.com", "the-log-in-password")
                    .observability(MicrometerObservability.of(observations, meters)))) {
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
    }

    TestObservationRegistryAssert.assertThat(observations)
        .hasAnObservationWithAKeyValue("uri", "/authentication")
        .hasAnObservationWithAKeyValue("api.kind", "none");
    assertThat(
            meters
                .get("openconnectors.client.credentials.refreshes")
                .tags("credentials", "bearer-login", "outcome", "success")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void theRequestCarriesTheSpansTraceContextAndTheSubscribersObservationIsItsParent() {
    List<String> traceHeaders = new CopyOnWriteArrayList<>();
    Observation parent = Observation.start("application.work", observations);
    try (StubServer stub =
        new StubServer(
            (request, response) -> {
              traceHeaders.add(String.valueOf(request.requestHeaders().get("x-test-trace")));
              return response
                  .header(HttpHeaderNames.CONTENT_TYPE, "application/json")
                  .sendString(Mono.just("[]"));
            })) {
      OpenConnectorsClient client =
          OpenConnectorsClient.builder()
              .baseUrl(stub.baseUrl())
              .credentials(emulator.platformCredentials())
              .observability(MicrometerObservability.of(observations))
              .build();
      try (client) {
        StepVerifier.create(
                client
                    .instances()
                    .contextWrite(context -> context.put("micrometer.observation", parent)))
            .verifyComplete();
      }
      parent.stop();
    }

    SimpleSpan span =
        tracer.getSpans().stream()
            .filter(recorded -> "GET /instances".equals(recorded.getName()))
            .findFirst()
            .orElseThrow();
    assertThat(traceHeaders).containsExactly(span.context().traceId());
    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("openconnectors.client.requests")
        .that()
        .hasParentObservationEqualTo(parent);
  }

  @Test
  void manyListingsAtOnceFullOrCancelledEndEveryObservationTheyStart() {
    AtomicInteger started = new AtomicInteger();
    AtomicInteger stopped = new AtomicInteger();
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler<Observation.Context>() {
              @Override
              public void onStart(Observation.Context context) {
                started.incrementAndGet();
              }

              @Override
              public void onStop(Observation.Context context) {
                stopped.incrementAndGet();
              }

              @Override
              public boolean supportsContext(Observation.Context context) {
                return context instanceof RequestObservationContext;
              }
            });
    try (OpenConnectorsClient client = observedClient()) {
      for (int round = 0; round < 5; round++) {
        // Half read to the end, read ahead on several connections; half cancelled mid-page.
        Flux<Long> listings =
            Flux.range(0, 40)
                .flatMap(
                    i ->
                        i % 2 == 0
                            ? client.instances(InstanceQuery.all().withPageSize(5)).count()
                            : client.instances(InstanceQuery.all().withPageSize(5)).take(7).count(),
                    8);
        StepVerifier.create(listings.filter(count -> count == 25).count())
            .expectNext(20L)
            .verifyComplete();
      }
      awaitPoolIdle(client);
    }

    assertThat(started.get()).isPositive();
    assertThat(stopped).as("every observation started is stopped, once").hasValue(started.get());
    assertThat(
            meters.get("openconnectors.client.requests").timers().stream()
                .mapToLong(timer -> timer.count())
                .sum())
        .as("a timer for each")
        .isEqualTo(started.get());
  }

  @Test
  void noSecretReachesAMeterAnObservationOrASpan() {
    Credentials platform = emulator.platformCredentials();
    List<String> secretValues = new ArrayList<>();
    try (OpenConnectorsClient client =
            client(
                emulator,
                b ->
                    b.bearerLogin("ops@example.com", "the-log-in-password")
                        .observability(MicrometerObservability.of(observations, meters)));
        OpenConnectorsClient secrets =
            client(
                emulator, b -> b.observability(MicrometerObservability.of(observations, meters)))) {
      emulator.inject(Fault.status(503).times(1));
      StepVerifier.create(client.instances().count()).expectNext(25L).verifyComplete();
      StepVerifier.create(secrets.connector(id).list("crm/accounts").count())
          .expectNextCount(1)
          .verifyComplete();
      secretValues.add(emulator.instanceToken(id).reveal());
      emulator.reissueInstanceToken(id);
      StepVerifier.create(secrets.connector(id).get("crm/accounts/1"))
          .expectNextCount(1)
          .verifyComplete();
      emulator.expireBearerTokens();
      StepVerifier.create(client.instance(id)).expectNextCount(1).verifyComplete();
    }

    secretValues.add(platform.userSecret().orElseThrow().reveal());
    secretValues.add(platform.organizationSecret().orElseThrow().reveal());
    secretValues.add(emulator.instanceToken(id).reveal());
    secretValues.add("the-log-in-password");
    List<String> reported = new ArrayList<>();
    for (Meter meter : meters.getMeters()) {
      reported.add(meter.getId().toString());
    }
    tracer.getSpans().forEach(span -> reported.add(span.toString()));
    TestObservationRegistryAssert.assertThat(observations)
        .hasHandledContextsThatSatisfy(
            contexts -> contexts.forEach(context -> reported.add(context.toString())));
    String all = String.join("\n", reported);

    assertThat(all).contains("openconnectors.client.requests", "/hubs/{hub}/{resource}");
    assertThat(secretValues).allSatisfy(secret -> assertThat(all).doesNotContain(secret));
  }

  /** Puts the trace id in one header: enough to see that the span travels with the request. */
  static final Propagator TRACE_ID =
      new Propagator() {
        @Override
        public List<String> fields() {
          return List.of("x-test-trace");
        }

        @Override
        public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
          setter.set(carrier, "x-test-trace", context.traceId());
        }

        @Override
        public <C> Span.Builder extract(C carrier, Getter<C> getter) {
          throw new UnsupportedOperationException("the client only sends");
        }
      };
}
