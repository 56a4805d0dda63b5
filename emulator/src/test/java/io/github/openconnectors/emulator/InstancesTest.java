package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.InstanceToken;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class InstancesTest {

  @ParameterizedTest(name = "{0} instances, pageSize {1}")
  @CsvSource({
    "0, 200",
    "1, 200",
    "199, 200",
    "200, 200",
    "201, 200",
    "1000, 200",
    "1000, 7",
    "10000, 200"
  })
  void pagesToTheEndWithEveryInstanceOnceInOrder(int count, int pageSize) {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(count).start()) {
      Listing listing = listAll(emulator, "pageSize=" + pageSize);

      assertThat(listing.ids).hasSize(count).doesNotHaveDuplicates().isSorted();
      if (count > 0) {
        assertThat(listing.ids.get(0)).isEqualTo(emulator.firstGeneratedId());
      }
      assertThat(listing.pages).isEqualTo(Math.max(1, (count + pageSize - 1) / pageSize));
      assertThat(listing.totalCount).isEqualTo(count);
    }
  }

  @Test
  void fixturesMergeWithGeneratedInstancesInIdOrderAndReplaceThem() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder()
            .instances(5)
            .instance(EmulatedInstance.builder(7, InstanceToken.of("t7")).name("seven").build())
            .instance(
                EmulatedInstance.builder(100_003, InstanceToken.of("t3")).name("replaced").build())
            .instance(EmulatedInstance.builder(999_999, InstanceToken.of("t9")).build())
            .start()) {
      Listing listing = listAll(emulator, "pageSize=2");

      assertThat(listing.ids)
          .containsExactly(7L, 100_001L, 100_002L, 100_003L, 100_004L, 100_005L, 999_999L);
      assertThat(listing.names.get(3)).isEqualTo("replaced");
      assertThat(listing.totalCount).isEqualTo(7);
    }
  }

  @Test
  void capsThePageSizeAt200AndSaysSo() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(450).start()) {
      HttpResponse<String> response = platformGet(emulator, "/instances?pageSize=500");

      assertThat(Http.json(response).size()).isEqualTo(200);
      assertThat(response.headers().firstValue("Elements-Returned-Count")).hasValue("200");
      assertThat(response.headers().firstValue("Elements-Error"))
          .hasValue("pageSize 500 exceeds the maximum of 200; returning 200");
    }
  }

  @Test
  void refusesAPageSizeThatIsNotAPositiveNumber() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(3).start()) {
      for (String pageSize : List.of("0", "-1", "ten")) {
        HttpResponse<String> response = platformGet(emulator, "/instances?pageSize=" + pageSize);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).path("message").asString())
            .isEqualTo("Invalid pageSize: must be a whole number from 1 to 200");
      }
    }
  }

  @Test
  void cursorsNeedPercentEncoding() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(5).start()) {
      String cursor = nextPageToken(platformGet(emulator, "/instances?pageSize=2"));

      assertThat(cursor).startsWith("+").endsWith("==");
      assertThat(
              platformGet(emulator, "/instances?pageSize=2&nextPage=" + Http.encode(cursor))
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> raw = platformGet(emulator, "/instances?pageSize=2&nextPage=" + cursor);
      assertThat(raw.statusCode()).isEqualTo(400);
      assertThat(Http.json(raw).path("message").asString())
          .isEqualTo(
              "Invalid nextPage: not a page token of this service (was it percent-encoded?)");
    }
  }

  @Test
  void refusesForgedAndStaleCursors() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(5).start();
        OpenConnectorsEmulator other = OpenConnectorsEmulator.builder().instances(5).start()) {
      String cursor = nextPageToken(platformGet(emulator, "/instances?pageSize=2"));
      char[] forged = cursor.toCharArray();
      forged[5] = forged[5] == 'A' ? 'B' : 'A';

      assertThat(
              message(
                  platformGet(emulator, "/instances?nextPage=" + Http.encode(new String(forged)))))
          .isEqualTo("Invalid nextPage: the page token is forged or expired");
      assertThat(
              message(
                  platformGet(emulator, "/instances?searchText=x&nextPage=" + Http.encode(cursor))))
          .isEqualTo("Invalid nextPage: the page token belongs to another query");
      assertThat(message(platformGet(other, "/instances?nextPage=" + Http.encode(cursor))))
          .isEqualTo("Invalid nextPage: the page token is forged or expired");
      assertThat(message(platformGet(emulator, "/instances?nextPage=abc")))
          .isEqualTo("Invalid nextPage: not a page token of this service");
    }
  }

  @Test
  void filtersByEveryTagAndBySearchText() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder()
            .instance(
                EmulatedInstance.builder(1, InstanceToken.of("a"))
                    .name("Sales EU")
                    .tags("prod", "eu")
                    .build())
            .instance(
                EmulatedInstance.builder(2, InstanceToken.of("b"))
                    .name("Sales US")
                    .tags("prod", "us")
                    .build())
            .instance(
                EmulatedInstance.builder(3, InstanceToken.of("c"))
                    .name("Tickets")
                    .element("zendesk", "Zendesk", "helpdesk")
                    .tags("eu")
                    .build())
            .start()) {
      assertThat(listAll(emulator, "tags%5B%5D=prod").ids).containsExactly(1L, 2L);
      assertThat(listAll(emulator, "tags%5B%5D=prod&tags%5B%5D=eu").ids).containsExactly(1L);
      assertThat(listAll(emulator, "searchText=sales%20us").ids).containsExactly(2L);
      assertThat(listAll(emulator, "searchText=ZENDESK").ids).containsExactly(3L);
      Listing filtered = listAll(emulator, "tags%5B%5D=eu&pageSize=1");
      assertThat(filtered.ids).containsExactly(1L, 3L);
      assertThat(filtered.totalCount).isEqualTo(2);
    }
  }

  @Test
  void servesTheSwaggerFieldsAndHydratesConfigurationAndTagDetail() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(40).start()) {
      JsonNode plain = Http.json(platformGet(emulator, "/instances")).get(0);
      JsonNode hydrated = Http.json(platformGet(emulator, "/instances?hydrate=true")).get(0);

      assertThat(plain.propertyNames())
          .contains(
              "id",
              "name",
              "token",
              "element",
              "valid",
              "disabled",
              "tags",
              "createdDate",
              "updatedDate",
              "user",
              "providerData",
              "cachingEnabled",
              "cacheTimeToLive",
              "maxCacheSize",
              "traceLoggingEnabled",
              "channelName",
              "description",
              "elementId",
              "eventsEnabled",
              "externalAuthentication",
              "provisionInteractions")
          .doesNotContain("configuration");
      assertThat(plain.path("element").propertyNames())
          .contains("id", "key", "name", "hub", "authenticationType");
      assertThat(plain.path("createdDate").isString()).isTrue();
      assertThat(plain.path("updatedDate").isNumber()).isTrue();
      assertThat(plain.path("token").asString())
          .isEqualTo(emulator.instanceToken(plain.path("id").asLong()).reveal());
      assertThat(hydrated.path("configuration").path("oauth.api.secret").asString())
          .isEqualTo("********");
      JsonNode tags =
          Http.json(platformGet(emulator, "/instances?hydrate=true")).findValues("tags").stream()
              .filter(t -> t.size() > 0)
              .findFirst()
              .orElseThrow();
      assertThat(tags.get(0).propertyNames()).containsExactly("id", "name");
    }
  }

  @Test
  void generatesRealisticDeterministicInstances() {
    try (OpenConnectorsEmulator first = OpenConnectorsEmulator.builder().instances(300).start();
        OpenConnectorsEmulator second = OpenConnectorsEmulator.builder().instances(300).start()) {
      String a = platformGet(first, "/instances").body();
      String b = platformGet(second, "/instances").body();
      JsonNode instances = Http.JSON.readTree(a);

      assertThat(a).isEqualTo(b);
      assertThat(instances.findValuesAsString("name"))
          .anyMatch(name -> name.chars().anyMatch(c -> c > 127));
      assertThat(instances.findValues("disabled"))
          .anyMatch(JsonNode::asBoolean)
          .anyMatch(d -> !d.asBoolean());
      assertThat(instances.findValues("tags"))
          .anyMatch(t -> t.size() > 0)
          .anyMatch(t -> t.size() == 0);
      assertThat(instances.findValuesAsString("token"))
          .doesNotHaveDuplicates()
          .allMatch(t -> t.length() == 44);
    }
  }

  @Test
  void looksUpOneInstanceOr404() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(10).start()) {
      long id = emulator.firstGeneratedId() + 3;

      assertThat(Http.json(platformGet(emulator, "/instances/" + id)).path("id").asLong())
          .isEqualTo(id);
      HttpResponse<String> missing = platformGet(emulator, "/instances/42");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(Http.json(missing).path("message").asString())
          .isEqualTo("No instance found with id 42");
      assertThat(platformGet(emulator, "/instances/abc").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void aMillionInstancesAreGeneratedAsServed() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().instances(1_000_000).start()) {
      HttpResponse<String> first = platformGet(emulator, "/instances");

      assertThat(first.headers().firstValue("Elements-Total-Count")).hasValue("1000000");
      assertThat(Http.json(first).size()).isEqualTo(200);
      long last = emulator.firstGeneratedId() + 999_999;
      assertThat(Http.json(platformGet(emulator, "/instances/" + last)).path("id").asLong())
          .isEqualTo(last);
    }
  }

  static HttpResponse<String> platformGet(OpenConnectorsEmulator emulator, String pathAndQuery) {
    return new Http(emulator).get(pathAndQuery, emulator.platformCredentials(), ApiKind.PLATFORM);
  }

  static String nextPageToken(HttpResponse<String> response) {
    return response.headers().firstValue("Elements-Next-Page-Token").orElseThrow();
  }

  /** The message of a 400 answer. */
  static String message(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(400);
    return Http.json(response).path("message").asString();
  }

  /** Follows Elements-Next-Page-Token to the end. */
  static Listing listAll(OpenConnectorsEmulator emulator, String query) {
    Listing listing = new Listing();
    String cursor = null;
    do {
      HttpResponse<String> response =
          platformGet(
              emulator,
              "/instances?" + query + (cursor == null ? "" : "&nextPage=" + Http.encode(cursor)));
      assertThat(response.statusCode()).isEqualTo(200);
      if (cursor == null) {
        listing.totalCount =
            Long.parseLong(response.headers().firstValue("Elements-Total-Count").orElseThrow());
      } else {
        assertThat(response.headers().firstValue("Elements-Total-Count")).isEmpty();
      }
      JsonNode page = Http.json(response);
      assertThat(response.headers().firstValue("Elements-Returned-Count"))
          .hasValue(Integer.toString(page.size()));
      page.forEach(
          instance -> {
            listing.ids.add(instance.path("id").asLong());
            listing.names.add(instance.path("name").asString());
          });
      listing.pages++;
      cursor = response.headers().firstValue("Elements-Next-Page-Token").orElse(null);
    } while (cursor != null);
    return listing;
  }

  static final class Listing {
    final List<Long> ids = new ArrayList<>();
    final List<String> names = new ArrayList<>();
    long totalCount;
    int pages;
  }
}
