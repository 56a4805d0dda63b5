package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** Connector queries: encoded as written, paged and resumed as instance listings are. */
class ConnectorQueryTest {

  static final long ID = 7;

  record Person(String id, String name, String city) {}

  OpenConnectorsEmulator emulator;
  OpenConnectorsClient client;
  ConnectorClient crm;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instance(EmulatedInstance.builder(ID, InstanceToken.of("token-7")).records(0).build())
            .start();
    client = client(emulator);
    crm = client.connector(ID);
    List<Map<String, String>> people =
        List.of(
            Map.of("name", "O'Brien", "city", "Zürich"),
            Map.of("name", "Ada", "city", "Zug"),
            Map.of("name", "Grace", "city", "Zürich"),
            Map.of("name", "100% Edsger", "city", "Nuenen"),
            Map.of("name", "Zoë", "city", "Zürich"),
            Map.of("name", "Barbara", "city", "Zürich"));
    Flux.fromIterable(people)
        .concatMap(person -> crm.create("crm/people", person))
        .blockLast(Duration.ofSeconds(10));
    emulator.clearJournal();
  }

  @AfterEach
  void stop() {
    client.close();
    emulator.close();
  }

  @Test
  void aWhereWithQuotesOperatorsSpacesPercentAndNonAsciiArrivesAsWritten() {
    String where = "name != 'O''Brien' and city like 'Zü%' or name like '100% %'";

    StepVerifier.create(
            crm.list("crm/people", ConnectorQuery.all().withWhere(where), Person.class)
                .map(Person::name)
                .collectList())
        .expectNext(List.of("Grace", "100% Edsger", "Zoë", "Barbara"))
        .verifyComplete();

    RecordedRequest sent = emulator.journal().get(0);
    assertThat(sent.query().get("where")).containsExactly(where);
  }

  @Test
  void fieldsAndOrderByShapeTheRecords() {
    ConnectorQuery query =
        ConnectorQuery.all()
            .withWhere("city = 'Zürich'")
            .withFields("name")
            .withOrderBy("name desc");

    StepVerifier.create(crm.list("crm/people", query).collectList())
        .assertNext(
            records -> {
              assertThat(records)
                  .extracting(r -> r.path("name").asString())
                  .containsExactly("Zoë", "O'Brien", "Grace", "Barbara");
              assertThat(records)
                  .allSatisfy(r -> assertThat(r.propertyNames()).containsOnly("name"));
            })
        .verifyComplete();
    assertThat(emulator.journal().get(0).query())
        .containsEntry("fields", List.of("name"))
        .containsEntry("orderBy", List.of("name desc"));
  }

  @Test
  void pagesCarryTheirCursorAndAListingResumesFromOne() {
    ConnectorQuery query = ConnectorQuery.all().withOrderBy("name").withPageSize(2);

    List<Page<Person>> pages =
        crm.pages("crm/people", query, Person.class).collectList().block(Duration.ofSeconds(10));

    assertThat(pages).hasSize(3);
    assertThat(pages.get(0).items()).extracting(Person::name).containsExactly("100% Edsger", "Ada");
    assertThat(pages.get(0).totalCount()).hasValue(6);
    assertThat(pages.get(2).nextPageToken()).isEmpty();
    String resumeAt = pages.get(0).nextPageToken().orElseThrow();
    StepVerifier.create(
            crm.list("crm/people", query.resumingFrom(resumeAt), Person.class)
                .map(Person::name)
                .collectList())
        .expectNext(List.of("Barbara", "Grace", "O'Brien", "Zoë"))
        .verifyComplete();
  }

  @Test
  void demandDecidesHowManyPagesAreAskedFor() {
    StepVerifier.create(
            crm.list("crm/people", ConnectorQuery.all().withPageSize(2), JsonNode.class).take(2))
        .expectNextCount(2)
        .verifyComplete();

    assertThat(emulator.journal()).hasSize(1);
  }

  @Test
  void aWhereTheServiceCannotReadIsItsOwn400() {
    StepVerifier.create(crm.list("crm/people", ConnectorQuery.all().withWhere("(name = 'x')")))
        .expectErrorSatisfies(
            error -> {
              assertThat(error).isExactlyInstanceOf(OpenConnectorsException.class);
              assertThat(((OpenConnectorsException) error).status()).isEqualTo(400);
              assertThat(error.getMessage())
                  .startsWith(
                      "GET "
                          + emulator.baseUrl()
                          + "/hubs/crm/people (query: where, pageSize): 400 Bad Request: Invalid"
                          + " where")
                  .doesNotContain("name = 'x'");
            })
        .verify(Duration.ofSeconds(10));
  }

  @Test
  void aQueryRefusesWhatCannotBeSent() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ConnectorQuery.all().withWhere(" "))
        .withMessage("where must not be blank");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ConnectorQuery.all().withFields("id", "a,b"))
        .withMessage("a field name must not hold a comma");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ConnectorQuery.all().withPageSize(201))
        .withMessage("pageSize must be from 1 to 200, was 201");
    assertThat(ConnectorQuery.all().withWhere("a = 1").resumingFrom("+abc==").toString())
        .isEqualTo(
            "ConnectorQuery[where=a = 1, fields=[], orderBy=null, pageSize=0, resuming=true]");
    assertThat(ConnectorQuery.all().where()).isEmpty();
    assertThat(ConnectorQuery.all().withFields("id").fields()).containsExactly("id");
  }
}
