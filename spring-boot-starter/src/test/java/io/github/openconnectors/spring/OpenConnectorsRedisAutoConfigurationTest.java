package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.redis.RedisSharedCache;
import io.github.openconnectors.redis.RedisSharedCacheMetrics;
import io.lettuce.core.event.Event;
import io.lettuce.core.event.connection.ConnectedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The module's wiring; the sharing itself is tested on a real Redis in the redis module. */
class OpenConnectorsRedisAutoConfigurationTest {

  static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  static final String PASSWORD = "redis-password-never-printed";

  @RegisterExtension
  static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  OpenConnectorsRedisAutoConfiguration.class,
                  OpenConnectorsRedisMetricsAutoConfiguration.class,
                  OpenConnectorsAutoConfiguration.class));

  ApplicationContextRunner withTheEmulator() {
    OpenConnectorsEmulator emulator = EMULATOR.emulator();
    return runner.withPropertyValues(
        "openconnectors.base-url=" + emulator.baseUrl(),
        "openconnectors.user-secret=" + emulator.userSecret().reveal(),
        "openconnectors.organization-secret=" + emulator.organizationSecret().reveal());
  }

  /** A loopback port nothing listens on: a Redis that is down. */
  static int nothingListening() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aUrlAndAKeyShareThroughRedisAndARedisThatIsDownFailsNoRequest() throws IOException {
    RedisSharedCache[] made = new RedisSharedCache[1];
    withTheEmulator()
        .withPropertyValues(
            "openconnectors.redis.url=redis://:" + PASSWORD + "@127.0.0.1:" + nothingListening(),
            "openconnectors.redis.key=" + KEY,
            "openconnectors.redis.timeout=200ms")
        .run(
            context -> {
              assertThat(context).hasSingleBean(RedisSharedCache.class);
              made[0] = context.getBean(RedisSharedCache.class);
              OpenConnectorsClient client = context.getBean(OpenConnectorsClient.class);
              long id = EMULATOR.emulator().firstGeneratedId();

              // The instance token is looked up through the shared cache, which falls back.
              assertThat(
                      client
                          .connector(id)
                          .list("/hubs/crm/contacts")
                          .count()
                          .block(Duration.ofSeconds(20)))
                  .isNotNull();
              assertThat(EMULATOR.emulator().journal())
                  .anySatisfy(request -> assertThat(request.path()).isEqualTo("/instances/" + id));
              assertThat(made[0].isSharing()).isFalse();
              assertThat(made[0].fallbacks()).isPositive();
              SimpleMeterRegistry meters = new SimpleMeterRegistry();
              context.getBean(RedisSharedCacheMetrics.class).bindTo(meters);
              assertThat(meters.get("openconnectors.redis.sharing").gauge().value()).isZero();
              assertThat(meters.get("openconnectors.redis.fallbacks").functionCounter().count())
                  .isPositive();
              assertThat(made[0].toString()).doesNotContain(PASSWORD).doesNotContain(KEY);
              assertThat(context.getBean(OpenConnectorsProperties.class).toString())
                  .contains("redis.url=set", "redis.key=set")
                  .doesNotContain(PASSWORD)
                  .doesNotContain(KEY);
            });
  }

  /**
   * Spring Boot defines a {@code ClientResources} bean for Spring Data Redis; the cache's client
   * runs on its threads (a mutated copy shares the event loops, timer and event bus), instead of
   * starting a second set, and closing the context's cache leaves them to their owner.
   */
  @Test
  void theCachesClientRunsOnTheApplicationsClientResources() throws Exception {
    ClientResources application = DefaultClientResources.create();
    // Accepts connections (the kernel's backlog does) and answers nothing: enough for Lettuce to
    // connect and announce it on the event bus.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = ":" + silent.getLocalPort();
      CompletableFuture<Event> connected =
          application.eventBus().get().filter(event -> connectedTo(event, port)).next().toFuture();
      withTheEmulator()
          .withBean(ClientResources.class, () -> application)
          .withPropertyValues(
              "openconnectors.redis.url=redis://127.0.0.1:" + silent.getLocalPort(),
              "openconnectors.redis.key=" + KEY,
              "openconnectors.redis.timeout=200ms")
          .run(
              context -> {
                assertThat(context).hasSingleBean(RedisSharedCache.class);
                assertThat(connected)
                    .as("the cache's connection announced on the application's event bus")
                    .succeedsWithin(Duration.ofSeconds(10));
              });
      assertThat(application.eventExecutorGroup().isShuttingDown()).isFalse();
    } finally {
      application.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  static boolean connectedTo(Event event, String port) {
    return event instanceof ConnectedEvent connection
        && connection.remoteAddress().toString().endsWith(port);
  }

  @Test
  void aUrlWithoutAKeyFailsTheStartNamingTheProperty() {
    withTheEmulator()
        .withPropertyValues("openconnectors.redis.url=redis://:" + PASSWORD + "@127.0.0.1:6379")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "openconnectors.redis.key is required with openconnectors.redis.url")
                    .message()
                    .doesNotContain(PASSWORD));
  }

  @Test
  void aKeyThatIsAnUnresolvedPlaceholderFailsTheStartNamingTheVariable() {
    withTheEmulator()
        .withPropertyValues(
            "openconnectors.redis.url=redis://127.0.0.1:6379",
            "openconnectors.redis.key=${OC_TEST_UNSET_CACHE_KEY}")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "openconnectors.redis.key is the placeholder ${OC_TEST_UNSET_CACHE_KEY},"
                            + " and nothing defines OC_TEST_UNSET_CACHE_KEY"));
  }

  @Test
  void aKeyThatIsTooShortFailsTheStartWithoutQuotingIt() {
    withTheEmulator()
        .withPropertyValues(
            "openconnectors.redis.url=redis://127.0.0.1:6379", "openconnectors.redis.key=c2hvcnQ=")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("at least 32 bytes")
                    .message()
                    .doesNotContain("c2hvcnQ="));
  }

  @Test
  void withoutAUrlNothingIsShared() {
    withTheEmulator()
        .run(
            context -> {
              assertThat(context).hasSingleBean(OpenConnectorsClient.class);
              assertThat(context).doesNotHaveBean(RedisSharedCache.class);
            });
  }
}
