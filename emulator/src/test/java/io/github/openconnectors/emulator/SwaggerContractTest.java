package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.OrganizationSecret;
import io.github.openconnectors.core.UserSecret;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The emulator's responses checked against the service's own Swagger for the instances API (a copy
 * of it is in this module's test resources): every status must be one the operation declares, and
 * every body the operation gives a schema for must validate against it. Error bodies, which the
 * Swagger leaves without a schema, must have the service's documented error shape. Where the
 * emulator differs on purpose (documented behaviour the Swagger omits), the difference is listed
 * here and in the guide (docs/emulator.md).
 */
class SwaggerContractTest {

  static final String SWAGGER = "classpath:swagger/open-connectors-instances-swagger.json";

  /**
   * Statuses the emulator answers that the Swagger does not declare, each documented: a provider's
   * 429 with Retry-After and a 502 pass through (the service documents both), and 503 and 504 are
   * what a gateway in front of the service answers; the emulator injects them as faults.
   */
  static final Set<Integer> UNDECLARED_STATUSES = Set.of(429, 502, 503, 504);

  static final SchemaRegistry SCHEMAS =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
  static JsonNode swagger;
  static Schema errorBody;
  static OpenConnectorsEmulator emulator;
  static Http http;
  static long id;

  @BeforeAll
  static void start() throws IOException {
    try (InputStream in =
        SwaggerContractTest.class.getResourceAsStream(
            "/swagger/open-connectors-instances-swagger.json")) {
      swagger = Http.JSON.readTree(in);
    }
    errorBody = SCHEMAS.getSchema(SchemaLocation.of("classpath:swagger/error-body.schema.json"));
    emulator = OpenConnectorsEmulator.builder().instances(450).start();
    http = new Http(emulator);
    id = emulator.firstGeneratedId();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  static String platform() {
    return emulator.platformCredentials().authorizationFor(ApiKind.PLATFORM).value();
  }

  /** Checks one response against the operation {@code method swaggerPath} of the Swagger. */
  static void assertConforms(String method, String swaggerPath, HttpResponse<String> response) {
    JsonNode operation = swagger.path("paths").path(swaggerPath).path(method.toLowerCase());
    assertThat(operation.isObject()).as("%s %s is in the Swagger", method, swaggerPath).isTrue();
    int status = response.statusCode();
    assertThat(response.headers().firstValue("Content-Type"))
        .as("every answer is JSON")
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode declared = operation.path("responses").path(String.valueOf(status));
    if (!UNDECLARED_STATUSES.contains(status)) {
      assertThat(declared.isObject())
          .as("%s %s declares status %d", method, swaggerPath, status)
          .isTrue();
    }
    JsonNode body = tagsAsNames(Http.json(response));
    if (declared.has("schema")) {
      String pointer =
          "#/paths/"
              + swaggerPath.replace("~", "~0").replace("/", "~1")
              + "/"
              + method.toLowerCase()
              + "/responses/"
              + status
              + "/schema";
      assertValid(SCHEMAS.getSchema(SchemaLocation.of(SWAGGER + pointer)), body, status);
    } else {
      assertValid(errorBody, body, status);
    }
  }

  /**
   * The one difference in instance bodies: a hydrated instance's tags are {@code {"id", "name"}}
   * objects, as a payload in the service's documentation shows, where the Swagger types them as
   * strings. Each such tag is checked to have exactly that shape, then taken by its name.
   */
  static JsonNode tagsAsNames(JsonNode body) {
    JsonNode copy = body.deepCopy();
    for (JsonNode instance : copy.isArray() ? copy : List.of(copy)) {
      if (instance.path("tags") instanceof ArrayNode tags) {
        for (int i = 0; i < tags.size(); i++) {
          JsonNode tag = tags.get(i);
          if (tag.isObject()) {
            assertThat(tag.propertyNames()).containsExactlyInAnyOrder("id", "name");
            assertThat(tag.path("id").isNumber()).as("a tag's id").isTrue();
            assertThat(tag.path("name").isString()).as("a tag's name").isTrue();
            tags.set(i, tag.path("name"));
          }
        }
      }
    }
    return copy;
  }

  static void assertValid(Schema schema, JsonNode body, int status) {
    List<Error> errors = schema.validate(body);
    assertThat(errors).as("the body of a %d answer against its schema", status).isEmpty();
  }

  static HttpResponse<String> get(String pathAndQuery, String authorization) {
    return http.get(pathAndQuery, authorization);
  }

  @Test
  void listingsConform() {
    for (String query :
        List.of(
            "",
            "?pageSize=3",
            "?hydrate=true",
            "?hydrate=true&pageSize=200",
            "?tags%5B%5D=prod",
            "?searchText=zendesk",
            "?searchText=nothing-matches-this")) {
      HttpResponse<String> page = get("/instances" + query, platform());
      assertThat(page.statusCode()).as(query).isEqualTo(200);
      assertConforms("GET", "/instances", page);
    }
    HttpResponse<String> first = get("/instances?pageSize=100", platform());
    String cursor = first.headers().firstValue("Elements-Next-Page-Token").orElseThrow();
    HttpResponse<String> second =
        get("/instances?pageSize=100&nextPage=" + Http.encode(cursor), platform());
    assertThat(second.statusCode()).isEqualTo(200);
    assertConforms("GET", "/instances", second);
  }

  @Test
  void listingErrorsConform() {
    Credentials wrong = Credentials.platform(UserSecret.of("u"), OrganizationSecret.of("o"));
    for (HttpResponse<String> refused :
        List.of(
            get("/instances?pageSize=0", platform()),
            get("/instances?nextPage=forged", platform()),
            get("/instances", wrong.authorizationFor(ApiKind.PLATFORM).value()),
            get("/instances", "User only-a-user"),
            http.getWithoutAuthorization("/instances"),
            Http.send(
                http.request("/instances")
                    .header("Authorization", platform())
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))))) {
      assertThat(refused.statusCode()).isBetween(400, 499);
      assertConforms(refused.request().method(), "/instances", refused);
    }
  }

  @Test
  void lookupsConform() {
    for (HttpResponse<String> answer :
        List.of(
            get("/instances/" + id, platform()),
            get("/instances/" + (id + 7), platform()),
            get("/instances/9", platform()),
            get("/instances/not-a-number", platform()),
            http.getWithoutAuthorization("/instances/" + id))) {
      assertConforms("GET", "/instances/{id}", answer);
    }
  }

  @Test
  void faultsMeantToBeWellFormedConform() {
    List<Fault> faults =
        List.of(
            Fault.status(500),
            Fault.status(502),
            Fault.status(503),
            Fault.status(504),
            Fault.status(404, "gone"),
            Fault.tooManyRequests("3"),
            Fault.latency(Duration.ofMillis(20)),
            Fault.trickle(512, Duration.ofMillis(1)));
    for (Fault fault : faults) {
      emulator.inject(fault.onPath("/instances"));
      assertConforms("GET", "/instances", get("/instances?pageSize=20", platform()));
      emulator.inject(fault.onPath("/instances/.*"));
      assertConforms("GET", "/instances/{id}", get("/instances/" + id, platform()));
    }
  }

  @Test
  void answersOutsideTheSwaggerHaveTheServicesErrorShape() {
    // The Swagger covers the instances API only: these endpoints are checked for their error
    // bodies, which every endpoint of the service shares.
    for (HttpResponse<String> refused :
        List.of(
            http.getWithoutAuthorization("/organizations/me"),
            http.getWithoutAuthorization("/hubs/crm/accounts"),
            http.post("/authentication", "{\"username\": \"nobody\", \"password\": \"x\"}"),
            http.getWithoutAuthorization("/authentication/secrets"),
            http.getWithoutAuthorization("/no/such/endpoint"))) {
      assertThat(refused.statusCode()).isBetween(400, 499);
      assertValid(errorBody, Http.json(refused), refused.statusCode());
      assertThat(Map.of("request id header", refused.headers().firstValue("Elements-Request-Id")))
          .allSatisfy((name, value) -> assertThat(value).isPresent());
    }
  }
}
