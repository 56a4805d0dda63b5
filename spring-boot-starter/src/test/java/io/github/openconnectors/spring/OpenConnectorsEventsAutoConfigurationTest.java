package io.github.openconnectors.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import reactor.core.publisher.Mono;

/** When the receiving endpoint is made, and how a wrong setting fails the start. */
class OpenConnectorsEventsAutoConfigurationTest {

  static final String KEY = "a-key-never-quoted";

  final ReactiveWebApplicationContextRunner web =
      new ReactiveWebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(OpenConnectorsEventsAutoConfiguration.class))
          .withBean(OpenConnectorsEventHandler.class, () -> event -> Mono.empty());

  @Test
  void aPathAKeyAndAHandlerMakeTheRoute() {
    web.withPropertyValues(
            "openconnectors.events.path=/events", "openconnectors.events.signature-key=" + KEY)
        .run(context -> assertThat(context).hasSingleBean(RouterFunction.class));
  }

  @Test
  void keyBeansOfTheApplicationAreAcceptedBesideOrInsteadOfTheProperty() {
    web.withPropertyValues("openconnectors.events.path=/events")
        .withBean("instance42Key", EventSignatureKey.class, () -> EventSignatureKey.of("key-42"))
        .withBean("instance43Key", EventSignatureKey.class, () -> EventSignatureKey.of("key-43"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(RouterFunction.class);
              WebTestClient web =
                  WebTestClient.bindToRouterFunction(context.getBean(RouterFunction.class)).build();
              byte[] body = "{\"message\":{}}".getBytes(StandardCharsets.UTF_8);
              for (String key : List.of("key-42", "key-43")) {
                web.post()
                    .uri("/events")
                    .header(WebhookSignature.ID_HEADER, key)
                    .header(
                        WebhookSignature.HEADER,
                        WebhookSignature.sign(EventSignatureKey.of(key), body))
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isOk();
              }
              web.post()
                  .uri("/events")
                  .header(
                      WebhookSignature.HEADER,
                      WebhookSignature.sign(EventSignatureKey.of("key-44"), body))
                  .bodyValue(body)
                  .exchange()
                  .expectStatus()
                  .isUnauthorized();
            });
  }

  @Test
  void withoutAPathThereIsNoRouteAndOutsideWebFluxNeither() {
    web.withPropertyValues("openconnectors.events.signature-key=" + KEY)
        .run(context -> assertThat(context).doesNotHaveBean(RouterFunction.class));
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OpenConnectorsEventsAutoConfiguration.class))
        .withPropertyValues(
            "openconnectors.events.path=/events", "openconnectors.events.signature-key=" + KEY)
        .run(context -> assertThat(context).doesNotHaveBean(RouterFunction.class));
  }

  @Test
  void aPathWithoutAKeyFailsTheStartNamingTheKey() {
    web.withPropertyValues("openconnectors.events.path=/events")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "openconnectors.events.signature-key is required with"
                            + " openconnectors.events.path"));
  }

  @Test
  void anUnusableKeyFailsTheStartWithoutQuotingIt() {
    web.withPropertyValues(
            "openconnectors.events.path=/events",
            // Longer than any key: the binder keeps it as it is, the key refuses it.
            "openconnectors.events.signature-key=" + KEY.repeat(300))
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageStartingWith(
                        "openconnectors.events.signature-key is not usable: event signature key"
                            + " is longer than 4096 characters")
                    .hasMessageNotContaining(KEY));
  }

  @Test
  void withoutAHandlerTheStartFailsSayingWhatToDefine() {
    new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(OpenConnectorsEventsAutoConfiguration.class))
        .withPropertyValues(
            "openconnectors.events.path=/events", "openconnectors.events.signature-key=" + KEY)
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("no single OpenConnectorsEventHandler bean"));
  }
}
