package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class OpenConnectorsAutoConfigurationTest {

  // Shapes a secret could not have: each must fail without being quoted.
  static final String BAD_SECRET = "leaked-if-quoted,secret value";

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OpenConnectorsAutoConfiguration.class,
                  OpenConnectorsHealthAutoConfiguration.class,
                  OpenConnectorsWebClientAutoConfiguration.class));

  ApplicationContextRunner withTheEmulator() {
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    return runner.withPropertyValues(
        "openconnectors.base-url=" + emulator.baseUrl(),
        "openconnectors.user-secret=" + emulator.userSecret().reveal(),
        "openconnectors.organization-secret=" + emulator.organizationSecret().reveal());
  }

  @Test
  void threePropertiesMakeAWorkingClientClosedWithTheContext() {
    OpenConnectorsClient[] made = new OpenConnectorsClient[1];
    withTheEmulator()
        .run(
            context -> {
              assertThat(context).hasSingleBean(OpenConnectorsClient.class);
              assertThat(context).hasSingleBean(OpenConnectorsExchangeFilterFunction.class);
              assertThat(context).hasBean("openconnectorsHealthIndicator");
              made[0] = context.getBean(OpenConnectorsClient.class);
              long id = EMULATOR.emulator().firstGeneratedId();
              assertThat(made[0].instance(id).block(Duration.ofSeconds(10)).id()).isEqualTo(id);
            });
    assertThat(made[0].isDisposed()).isTrue();
  }

  @Test
  void everyPropertyReachesTheClient() {
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    withTheEmulator()
        .withPropertyValues(
            "openconnectors.page-size=7",
            "openconnectors.retry.max-retries=0",
            "openconnectors.connect-timeout=2s",
            "openconnectors.response-timeout=3s",
            "openconnectors.pool.max-connections=2",
            "openconnectors.pool.max-idle-time=5s",
            "openconnectors.max-item-size=64KB",
            "openconnectors.wiretap=true")
        .run(
            context -> {
              OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
              emulator.clearJournal();
              assertThat(client.instances().count().block(Duration.ofSeconds(10)))
                  .isEqualTo(OpenConnectorsEmulatorExtension.DEFAULT_INSTANCES);
              assertThat(emulator.journal())
                  .as("pages of 7")
                  .hasSize((OpenConnectorsEmulatorExtension.DEFAULT_INSTANCES + 6) / 7);
              assertThat(emulator.journal().get(0).query().get("pageSize")).containsExactly("7");
            });
  }

  @Test
  void theRateLimitPacesTheClientsRequests() {
    long id = EMULATOR.emulator().firstGeneratedId();
    withTheEmulator()
        .withPropertyValues(
            "openconnectors.rate-limit.requests=4", "openconnectors.rate-limit.per=1s")
        .run(
            context -> {
              OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
              long started = System.nanoTime();
              assertThat(
                      Flux.range(0, 5)
                          .flatMap(i -> client.instance(id))
                          .count()
                          .block(Duration.ofSeconds(10)))
                  .isEqualTo(5);
              // Five turns 250 ms apart: the last a second after the first, at least.
              assertThat(Duration.ofNanos(System.nanoTime() - started))
                  .isGreaterThanOrEqualTo(Duration.ofMillis(990));
            });
  }

  @Test
  void aRateLimitOfNoRequestsFailsStartUpNamingTheProperty() {
    withTheEmulator()
        .withPropertyValues("openconnectors.rate-limit.instance-requests=0")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("openconnectors.rate-limit.instance-requests"));
  }

  @Test
  void theItemSizeLimitReachesTheClient() {
    withTheEmulator()
        .withPropertyValues("openconnectors.max-item-size=200B")
        .run(
            context -> {
              OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
              assertThatThrownBy(
                      () ->
                          client
                              .instance(EMULATOR.emulator().firstGeneratedId())
                              .block(Duration.ofSeconds(10)))
                  .hasMessageContaining("larger than the limit of 200 bytes");
            });
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnClient() {
    withTheEmulator()
        .withUserConfiguration(OwnClient.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(OpenConnectorsClient.class);
              assertThat(context.getBean(OpenConnectorsClient.class))
                  .isSameAs(context.getBean(OwnClient.class).client);
            });
  }

  @Test
  void usesTheApplicationsCredentialsProviderInsteadOfTheSecrets() {
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    runner
        .withPropertyValues("openconnectors.base-url=" + emulator.baseUrl())
        .withUserConfiguration(Vault.class)
        .run(
            context -> {
              OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
              client.instance(emulator.firstGeneratedId()).block(Duration.ofSeconds(10));
              assertThat(context.getBean(Vault.class).reads).hasValue(1);
              assertThat(client.credentialsProvider())
                  .isSameAs(context.getBean(CredentialsProvider.class));
            });
  }

  @Test
  void appliesTheCustomizersInTheirOrder() {
    withTheEmulator()
        .withUserConfiguration(Customizers.class)
        .run(
            context ->
                assertThat(context.getBean(Customizers.class).applied)
                    .containsExactly("first", "second"));
  }

  @Test
  void logsInWithAUsernameAndPassword() {
    OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(3).account("ops@example.com", "pw").start();
    try (emulator) {
      runner
          .withPropertyValues(
              "openconnectors.base-url=" + emulator.baseUrl(),
              "openconnectors.username=ops@example.com",
              "openconnectors.password=pw",
              "openconnectors.login.prefetch=2m",
              "openconnectors.login.stale=30s")
          .run(
              context -> {
                OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
                assertThat(client.instances().count().block(Duration.ofSeconds(10))).isEqualTo(3);
                assertThat(emulator.journal())
                    .extracting(request -> request.method() + " " + request.path())
                    .startsWith("POST /authentication");
              });
    }
  }

  @Test
  void observesTheClientWithTheApplicationsRegistries() {
    withTheEmulator()
        .withUserConfiguration(Registries.class)
        .run(
            context -> {
              OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
              client.instance(EMULATOR.emulator().firstGeneratedId()).block(Duration.ofSeconds(10));
              MeterRegistry meters = context.getBean(MeterRegistry.class);
              assertThat(
                      meters
                          .get("openconnectors.client.requests")
                          .tag("uri", "/instances/{id}")
                          .timer()
                          .count())
                  .isEqualTo(1);
            });
  }

  @Test
  void reportsNothingWhenMetricsAreTurnedOff() {
    withTheEmulator()
        .withUserConfiguration(Registries.class)
        .withPropertyValues("openconnectors.metrics.enabled=false")
        .run(
            context -> {
              OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
              client.instance(EMULATOR.emulator().firstGeneratedId()).block(Duration.ofSeconds(10));
              assertThat(
                      context
                          .getBean(MeterRegistry.class)
                          .find("openconnectors.client.requests")
                          .meters())
                  .isEmpty();
            });
  }

  @Test
  void worksWithoutMicrometerActuatorOrWebFlux() {
    withTheEmulator()
        .withClassLoader(
            new FilteredClassLoader(
                MeterRegistry.class, ReactiveHealthIndicator.class, ExchangeFilterFunction.class))
        .run(
            context -> {
              assertThat(context).hasSingleBean(OpenConnectorsClient.class);
              assertThat(context).doesNotHaveBean(OpenConnectorsHealthIndicator.class);
              assertThat(context).doesNotHaveBean(OpenConnectorsExchangeFilterFunction.class);
            });
  }

  @Test
  void theHealthIndicatorCanBeTurnedOff() {
    withTheEmulator()
        .withPropertyValues("management.health.openconnectors.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(OpenConnectorsHealthIndicator.class));
  }

  @Test
  void aMissingBaseUrlFailsStartUpNamingTheProperty() {
    runner
        .withPropertyValues("openconnectors.user-secret=u", "openconnectors.organization-secret=o")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains("base URL is not set", "openconnectors.base-url");
              assertThat(analysis.getAction()).contains("Set openconnectors.base-url");
            });
  }

  @Test
  void missingCredentialsFailStartUpNamingWhatToSet() {
    runner
        .withPropertyValues("openconnectors.base-url=https://example.com/elements/api-v2")
        .run(
            context ->
                assertThat(analysis(context.getStartupFailure()).getAction())
                    .contains(
                        "openconnectors.user-secret",
                        "openconnectors.organization-secret",
                        "openconnectors.username",
                        "CredentialsProvider bean"));
    runner
        .withPropertyValues(
            "openconnectors.base-url=https://example.com/elements/api-v2",
            "openconnectors.user-secret=u")
        .run(
            context ->
                assertThat(analysis(context.getStartupFailure()).getDescription())
                    .contains("openconnectors.organization-secret is not set"));
    runner
        .withPropertyValues(
            "openconnectors.base-url=https://example.com/elements/api-v2",
            "openconnectors.username=ops")
        .run(
            context ->
                assertThat(analysis(context.getStartupFailure()).getDescription())
                    .contains("openconnectors.password is not set"));
    runner
        .withPropertyValues(
            "openconnectors.base-url=https://example.com/elements/api-v2",
            "openconnectors.user-secret=u",
            "openconnectors.organization-secret=o",
            "openconnectors.username=ops",
            "openconnectors.password=pw")
        .run(
            context ->
                assertThat(analysis(context.getStartupFailure()).getDescription())
                    .contains("both secrets and a bearer log-in are set"));
  }

  /**
   * The guide's properties (docs/spring-boot.md) refer to variables ({@code
   * ${OPEN_CONNECTORS_USER_SECRET}}); Spring binds a placeholder that nothing resolves as its own
   * text. That text is no secret: start-up fails naming the property and the variable to set.
   * (Names no shell here defines.)
   */
  @ParameterizedTest
  @CsvSource({
    "openconnectors.base-url, OC_TEST_UNSET_BASE_URL",
    "openconnectors.user-secret, OC_TEST_UNSET_USER_SECRET",
    "openconnectors.organization-secret, OC_TEST_UNSET_ORGANIZATION_SECRET",
    "openconnectors.instance-token, OC_TEST_UNSET_INSTANCE_TOKEN",
  })
  void aSecretThatIsAnUnresolvedPlaceholderFailsStartUpNamingTheVariable(
      String property, String variable) {
    assertThat(System.getenv(variable)).as("a variable no shell defines").isNull();
    withTheEmulator()
        .withPropertyValues(property + "=${" + variable + "}")
        .run(
            context -> {
              FailureAnalysis analysis = analysis(context.getStartupFailure());
              assertThat(analysis.getDescription())
                  .contains(
                      property
                          + " is the placeholder ${"
                          + variable
                          + "}, and nothing defines "
                          + variable)
                  .contains("Properties: " + property);
              assertThat(analysis.getAction())
                  .startsWith("Set the environment variable " + variable + " (or a property");
            });
  }

  @Test
  void aLogInPasswordThatIsAnUnresolvedPlaceholderFailsStartUpToo() {
    runner
        .withPropertyValues(
            "openconnectors.base-url=https://example.com/elements/api-v2",
            "openconnectors.username=ops",
            // Spring falls back to the default, itself a placeholder nothing resolves: named.
            "openconnectors.password=${OC_TEST_UNSET_PASSWORD:${OC_TEST_ALSO_UNSET}}")
        .run(
            context ->
                assertThat(analysis(context.getStartupFailure()).getDescription())
                    .contains(
                        "openconnectors.password is the placeholder ${OC_TEST_ALSO_UNSET}, and"
                            + " nothing defines OC_TEST_ALSO_UNSET"));
  }

  @Test
  void aPasswordThatHoldsPlaceholderTextInItsMiddleIsAPassword() {
    runner
        .withPropertyValues(
            "openconnectors.base-url=https://example.com/elements/api-v2",
            "openconnectors.username=ops",
            "openconnectors.password=pa${OC_TEST_UNSET_PART}ss")
        .run(
            context ->
                assertThat(context).hasNotFailed().hasSingleBean(OpenConnectorsClient.class));
  }

  @Test
  void aPlaceholderThatAVariableResolvesIsTheValue() {
    // The same shape with something defined: the emulator's secret, through a property.
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    runner
        .withPropertyValues(
            "openconnectors.base-url=" + emulator.baseUrl(),
            "oc-test.user-secret=" + emulator.userSecret().reveal(),
            "openconnectors.user-secret=${oc-test.user-secret}",
            "openconnectors.organization-secret=" + emulator.organizationSecret().reveal())
        .run(
            context ->
                assertThat(
                        context
                            .getBean(OpenConnectorsClient.class)
                            .instances()
                            .count()
                            .block(Duration.ofSeconds(10)))
                    .isEqualTo(OpenConnectorsEmulatorExtension.DEFAULT_INSTANCES));
  }

  @Test
  void badSettingsFailStartUpNamingThePropertyAndNeverItsValue() {
    List<String[]> cases =
        List.of(
            new String[] {"openconnectors.user-secret", BAD_SECRET},
            new String[] {"openconnectors.organization-secret", BAD_SECRET},
            new String[] {"openconnectors.instance-token", BAD_SECRET},
            new String[] {
              "openconnectors.base-url", "http://user:" + "leaked-if-quoted@example.com/x"
            },
            new String[] {"openconnectors.base-url", "http://example.com/leaked-if-quoted"},
            new String[] {"openconnectors.base-url", "ftp://leaked-if-quoted/"},
            new String[] {"openconnectors.page-size", "500"},
            new String[] {"openconnectors.retry.jitter", "3"},
            new String[] {"openconnectors.login.stale", "10m"},
            new String[] {"openconnectors.connect-timeout", "0s"});
    for (String[] bad : cases) {
      List<String> values =
          new CopyOnWriteArrayList<>(
              List.of(
                  "openconnectors.base-url=https://example.com/elements/api-v2",
                  "openconnectors.user-secret=user",
                  "openconnectors.organization-secret=org"));
      if (bad[0].equals("openconnectors.login.stale")) {
        values.removeIf(value -> value.contains("secret"));
        values.add("openconnectors.username=ops");
        values.add("openconnectors.password=pw");
      }
      values.removeIf(value -> value.startsWith(bad[0] + "="));
      values.add(bad[0] + "=" + bad[1]);
      runner
          .withPropertyValues(values.toArray(String[]::new))
          .run(
              context -> {
                Throwable failure = context.getStartupFailure();
                FailureAnalysis analysis = analysis(failure);
                assertThat(analysis.getDescription()).as(bad[0]).contains(bad[0]);
                StringWriter everything = new StringWriter();
                failure.printStackTrace(new PrintWriter(everything));
                everything.append(analysis.getDescription()).append(analysis.getAction());
                assertThat(everything.toString())
                    .as("what start-up reports for %s", bad[0])
                    .doesNotContain("leaked-if-quoted");
              });
    }
  }

  @Test
  void theFailureAnalyzerIsRegisteredWithSpringBoot() throws Exception {
    List<String> registered = new ArrayList<>();
    Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring.factories");
    while (files.hasMoreElements()) {
      Properties factories = new Properties();
      try (InputStream in = files.nextElement().openStream()) {
        factories.load(in);
      }
      String analyzers = factories.getProperty(FailureAnalyzer.class.getName(), "");
      registered.addAll(List.of(analyzers.split("\\s*,\\s*")));
    }
    assertThat(registered).contains(OpenConnectorsPropertiesFailureAnalyzer.class.getName());
  }

  @Test
  void thePropertiesNameWhatIsSetAndNeverAValue() {
    withTheEmulator()
        .run(
            context -> {
              String described = context.getBean(OpenConnectorsProperties.class).toString();
              assertThat(described).contains("userSecret=set", "username=unset");
              Secrets.assertNoneIn(
                  "the properties' description",
                  described,
                  EMULATOR.emulator().userSecret().reveal(),
                  EMULATOR.emulator().organizationSecret().reveal(),
                  EMULATOR.emulator().baseUrl());
            });
  }

  static FailureAnalysis analysis(Throwable failure) {
    assertThat(failure).as("start-up failed").isNotNull();
    FailureAnalysis analysis = new OpenConnectorsPropertiesFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysed by the starter: %s", failure).isNotNull();
    return analysis;
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    final OpenConnectorsClient client =
        OpenConnectorsClient.builder()
            .baseUrl(EMULATOR.emulator().baseUrl())
            .credentials(EMULATOR.emulator().platformCredentials())
            .build();

    @Bean
    OpenConnectorsClient ownClient() {
      return client;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Vault {
    final AtomicInteger reads = new AtomicInteger();

    @Bean
    CredentialsProvider vault() {
      return CachingCredentialsProvider.builder(
              Mono.fromSupplier(
                  () -> {
                    reads.incrementAndGet();
                    return EMULATOR.emulator().platformCredentials();
                  }))
          .build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    final List<String> applied = new CopyOnWriteArrayList<>();

    @Bean
    @Order(2)
    OpenConnectorsClientCustomizer second() {
      return builder -> applied.add("second");
    }

    @Bean
    @Order(1)
    OpenConnectorsClientCustomizer first() {
      return builder -> applied.add("first");
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registries {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    ObservationRegistry observationRegistry(MeterRegistry meters) {
      ObservationRegistry registry = ObservationRegistry.create();
      registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
      return registry;
    }
  }
}
