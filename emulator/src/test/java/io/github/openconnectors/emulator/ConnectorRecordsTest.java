package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Records created, read, changed, replaced, deleted and queried, per instance and object. */
class ConnectorRecordsTest {

  private static final String JSON = "application/json";

  private final OpenConnectorsEmulator emulator =
      OpenConnectorsEmulator.builder()
          .instance(EmulatedInstance.builder(1, InstanceToken.of("one")).records(30).build())
          .instance(EmulatedInstance.builder(2, InstanceToken.of("two")).records(3).build())
          .start();
  private final Http http = new Http(emulator);
  private final Credentials one = emulator.connectorCredentials(1);

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void aCreatedRecordGetsTheNextIdAndIsReadBackChangedReplacedAndDeleted() {
    HttpResponse<String> created =
        http.write("POST", "/hubs/crm/accounts", one, JSON, "{\"name\":\"Ada\",\"City\":\"Bern\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("Elements-Element-Instance-Id")).hasValue("1");
    assertThat(Http.json(created).path("id").asString()).isEqualTo("31");

    HttpResponse<String> changed =
        http.write(
            "PATCH", "/hubs/crm/accounts/31", one, JSON, "{\"City\":\"Zürich\",\"id\":\"9\"}");
    assertThat(Http.json(changed).path("City").asString()).isEqualTo("Zürich");
    assertThat(Http.json(changed).path("name").asString()).isEqualTo("Ada");
    assertThat(Http.json(changed).path("id").asString()).as("the id stays").isEqualTo("31");

    HttpResponse<String> replaced =
        http.write("PUT", "/hubs/crm/accounts/31", one, JSON, "{\"name\":\"Grace\"}");
    assertThat(Http.json(replaced).has("City")).as("replaced whole").isFalse();
    assertThat(Http.json(get("/hubs/crm/accounts/31")).path("name").asString()).isEqualTo("Grace");

    assertThat(http.write("DELETE", "/hubs/crm/accounts/31", one, JSON, "").statusCode())
        .isEqualTo(200);
    HttpResponse<String> gone = get("/hubs/crm/accounts/31");
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(Http.json(gone).path("message").asString())
        .isEqualTo("No accounts record with id 31");
    assertThat(http.write("DELETE", "/hubs/crm/accounts/31", one, JSON, "").statusCode())
        .isEqualTo(404);
  }

  @Test
  void recordsBelongToTheirInstanceAndObject() {
    http.write("POST", "/hubs/crm/contacts", one, JSON, "{\"name\":\"only in one\"}");

    assertThat(names("/hubs/crm/contacts", one)).hasSize(31).contains("only in one");
    assertThat(names("/hubs/crm/accounts", one)).hasSize(30).doesNotContain("only in one");
    assertThat(names("/hubs/crm/contacts", emulator.connectorCredentials(2)))
        .containsExactly(
            "contacts 1 of instance 2", "contacts 2 of instance 2", "contacts 3 of instance 2");
  }

  @Test
  void childObjectsLiveBelowAnExistingRecord() {
    HttpResponse<String> created =
        http.write("POST", "/hubs/crm/accounts/7/notes", one, JSON, "{\"text\":\"call back\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    String id = Http.json(created).path("id").asString();

    assertThat(Http.json(get("/hubs/crm/accounts/7/notes/" + id)).path("text").asString())
        .isEqualTo("call back");
    assertThat(names("/hubs/crm/accounts/8/notes", one)).isEmpty();
    assertThat(get("/hubs/crm/accounts/99/notes").statusCode()).isEqualTo(404);
  }

  @Test
  void aCreateNamingAnIdInUseIsAConflict() {
    HttpResponse<String> conflict =
        http.write("POST", "/hubs/crm/accounts", one, JSON, "{\"id\":\"7\",\"name\":\"again\"}");

    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(Http.json(conflict).path("message").asString())
        .isEqualTo("A record with id 7 exists already");
    assertThat(Http.json(conflict).path("requestId").asString()).isNotBlank();
  }

  @Test
  void aWriteThatIsNotAJsonObjectIsRefused() {
    assertThat(http.write("POST", "/hubs/crm/accounts", one, "text/plain", "name=x").statusCode())
        .isEqualTo(415);
    HttpResponse<String> notJson = http.write("POST", "/hubs/crm/accounts", one, JSON, "{oops");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(Http.json(notJson).path("message").asString())
        .isEqualTo("The body is not valid JSON");
    assertThat(http.write("POST", "/hubs/crm/accounts", one, JSON, "[1]").statusCode())
        .isEqualTo(400);
    assertThat(http.write("PATCH", "/hubs/crm/accounts", one, JSON, "{}").statusCode())
        .isEqualTo(405);
    assertThat(http.write("POST", "/hubs/crm/accounts/7", one, JSON, "{}").statusCode())
        .isEqualTo(405);
  }

  @Test
  void writesNeedTheInstancesCredentialsAndAreInTheJournal() {
    Credentials wrong = one.withInstanceToken(InstanceToken.of("nobody"));
    assertThat(http.write("POST", "/hubs/crm/accounts", wrong, JSON, "{}").statusCode())
        .isEqualTo(401);
    http.write("POST", "/hubs/crm/accounts", one, JSON, "{}");

    assertThat(emulator.journal())
        .extracting(RecordedRequest::method, RecordedRequest::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", 401),
            org.assertj.core.groups.Tuple.tuple("POST", 200));
  }

  @Test
  void aConnectionDroppedOnAWriteIsDroppedAfterTheWriteWasDone() {
    emulator.inject(Fault.droppedConnection(0).onMethod("post").onPath("/hubs/.*"));

    assertThatThrownBy(
            () -> http.write("POST", "/hubs/crm/accounts", one, JSON, "{\"name\":\"lost?\"}"))
        .isInstanceOf(java.io.UncheckedIOException.class);

    assertThat(names("/hubs/crm/accounts", one)).as("reads are not dropped").contains("lost?");
    assertThat(emulator.journal())
        .extracting(RecordedRequest::method)
        .containsExactly("POST", "GET");
  }

  @Test
  void whereSelectsWithComparisonsJoinedByAndAndOr() {
    for (String[] record :
        new String[][] {
          {"Ada", "Procurement", "36"},
          {"Grace", "Research", "45"},
          {"Edsger", "Research", "72"},
          {"O'Brien", "Sales", "29"},
          {"Zoë", "Procurement", "51"}
        }) {
      http.write(
          "POST",
          "/hubs/crm/people",
          one,
          JSON,
          "{\"name\":\""
              + record[0]
              + "\",\"Department\":\""
              + record[1]
              + "\",\"age\":"
              + record[2]
              + "}");
    }
    assertThat(where("Department != 'Procurement'")).doesNotContain("Ada", "Zoë").contains("Grace");
    assertThat(where("Department = 'Research' and age > 50")).containsExactly("Edsger");
    assertThat(where("age < 30 or name = 'Zoë'")).containsExactly("O'Brien", "Zoë");
    assertThat(where("name = 'O''Brien'")).containsExactly("O'Brien");
    assertThat(where("name like 'Ed%'")).containsExactly("Edsger");
    assertThat(where("name like '%a%' and Department = 'Research'")).containsExactly("Grace");
    assertThat(where("age > 40 and Department = 'Research' or name = 'Ada'"))
        .containsExactly("Ada", "Grace", "Edsger");
  }

  @Test
  void fieldsAndOrderByShapeAndSortThePage() {
    http.write("POST", "/hubs/crm/people", one, JSON, "{\"name\":\"b\",\"age\":2,\"x\":1}");
    http.write("POST", "/hubs/crm/people", one, JSON, "{\"name\":\"a\",\"age\":10,\"x\":1}");
    http.write("POST", "/hubs/crm/people", one, JSON, "{\"name\":\"c\",\"age\":10,\"x\":1}");

    JsonNode page =
        Http.json(
            get(
                "/hubs/crm/people?where="
                    + Http.encode("x = 1")
                    + "&fields=name,age&orderBy="
                    + Http.encode("age desc, name")));

    assertThat(page.size()).isEqualTo(3);
    assertThat(page.get(0).propertyNames()).containsExactly("name", "age");
    List<String> order = new ArrayList<>();
    page.forEach(person -> order.add(person.path("name").asString()));
    assertThat(order).containsExactly("a", "c", "b");
  }

  @Test
  void aQueryPagesWithItsOwnCursors() {
    List<String> names = new ArrayList<>();
    String query = "/hubs/crm/accounts?pageSize=4&where=" + Http.encode("amount > 100");
    String cursor = null;
    do {
      HttpResponse<String> page =
          get(query + (cursor == null ? "" : "&nextPage=" + Http.encode(cursor)));
      Http.json(page).forEach(record -> names.add(record.path("name").asString()));
      cursor = page.headers().firstValue("Elements-Next-Page-Token").orElse(null);
    } while (cursor != null);
    List<String> expected = new ArrayList<>();
    Http.json(get("/hubs/crm/accounts?pageSize=200"))
        .forEach(
            record -> {
              if (record.path("amount").asDouble() > 100) {
                expected.add(record.path("name").asString());
              }
            });

    assertThat(names).isNotEmpty().isEqualTo(expected);
    String first = get(query).headers().firstValue("Elements-Next-Page-Token").orElseThrow();
    assertThat(get("/hubs/crm/accounts?pageSize=4&nextPage=" + Http.encode(first)).statusCode())
        .as("a cursor of another query")
        .isEqualTo(400);
  }

  @Test
  void whatTheEmulatorDoesNotUnderstandIsA400WithTheServicesErrorBody() {
    for (String bad :
        List.of(
            "(age > 3)",
            "age >= 3",
            "age in (1, 2)",
            "address.city = 'Bern'",
            "name = 'open",
            "name =",
            "name ~ 'x'",
            "age > 3 and")) {
      HttpResponse<String> refused = get("/hubs/crm/accounts?where=" + Http.encode(bad));
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(Http.json(refused).path("message").asString()).as(bad).startsWith("Invalid where");
      assertThat(Http.json(refused).path("requestId").asString()).as(bad).isNotBlank();
    }
    assertThat(get("/hubs/crm/accounts?orderBy=" + Http.encode("name sideways")).statusCode())
        .isEqualTo(400);
  }

  private List<String> where(String expression) {
    return names("/hubs/crm/people?where=" + Http.encode(expression), one);
  }

  private List<String> names(String pathAndQuery, Credentials credentials) {
    List<String> names = new ArrayList<>();
    Http.json(http.get(pathAndQuery, credentials, ApiKind.CONNECTOR))
        .forEach(record -> names.add(record.path("name").asString()));
    return names;
  }

  private HttpResponse<String> get(String pathAndQuery) {
    return http.get(pathAndQuery, one, ApiKind.CONNECTOR);
  }
}
