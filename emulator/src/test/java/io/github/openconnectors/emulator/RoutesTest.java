package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RoutesTest {

  private final Routes<String> routes =
      new Routes<String>()
          .add("GET", "/instances", (request, none) -> answer("list " + request))
          .add("GET", "/instances/{id}", (request, id) -> answer("one " + id.get(0)))
          .add("DELETE", "/instances/{id}", (request, id) -> answer("delete " + id.get(0)))
          .add("GET", "/hubs/**", (request, none) -> answer("hub"))
          .add("POST", "/authentication", (request, none) -> answer("log-in"));

  @Test
  void aPathIsAnsweredByTheRouteOfItsTemplateAndMethodWithItsVariables() {
    assertThat(dispatch("GET", "/instances")).isEqualTo("list r");
    assertThat(dispatch("GET", "/instances/42")).isEqualTo("one 42");
    assertThat(dispatch("DELETE", "/instances/42")).isEqualTo("delete 42");
    assertThat(dispatch("GET", "/instances/")).isEqualTo("one ");
    assertThat(dispatch("GET", "/hubs/crm/accounts/7")).isEqualTo("hub");
    assertThat(dispatch("GET", "/hubs/")).isEqualTo("hub");
  }

  @Test
  void aKnownPathWithAnotherMethodNamesTheMethodsItHas() {
    assertThat(dispatch("PUT", "/instances/42")).isEqualTo("405 GET, DELETE");
    assertThat(dispatch("GET", "/authentication")).isEqualTo("405 POST");
  }

  @Test
  void anUnknownPathIsNotFound() {
    assertThat(dispatch("GET", "/instances/42/more")).isEqualTo("404");
    assertThat(dispatch("GET", "/hubs")).isEqualTo("404");
    assertThat(dispatch("GET", "/instance")).isEqualTo("404");
    assertThat(dispatch("GET", "/")).isEqualTo("404");
  }

  private String dispatch(String method, String path) {
    Reply reply =
        routes
            .dispatch(method, path, "r", allowed -> answer("405 " + allowed), () -> answer("404"))
            .block();
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  private static Mono<Reply> answer(String text) {
    return Mono.just(new Reply(200, Map.of(), text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void routesAreTriedInTheOrderTheyWereAdded() {
    Routes<String> ordered =
        new Routes<String>()
            .add("GET", "/hubs/{hub}/accounts", (request, hub) -> answer("accounts of " + hub))
            .add("GET", "/hubs/**", (request, none) -> answer("any hub"));
    assertThat(
            new String(
                ordered
                    .dispatch("GET", "/hubs/crm/accounts", "r", a -> answer(a), () -> answer("404"))
                    .block()
                    .body(),
                StandardCharsets.UTF_8))
        .isEqualTo("accounts of " + List.of("crm"));
  }
}
