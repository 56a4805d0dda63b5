package io.github.openconnectors.reactor;

import static io.github.openconnectors.reactor.ClientTests.awaitPoolIdle;
import static io.github.openconnectors.reactor.ClientTests.client;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.InstanceToken;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.Fault;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/**
 * Connector writes against the emulator: bodies in and answers out, typed failures, and the rule
 * that a write is sent again only when the server surely did not act on it.
 */
class ConnectorWritesTest {

  static final long ID = 42;

  record Contact(String id, String name, String city) {}

  record NewContact(String name, String city) {}

  OpenConnectorsEmulator emulator;
  OpenConnectorsClient client;
  ConnectorClient crm;

  @BeforeEach
  void start() {
    emulator =
        OpenConnectorsEmulator.builder()
            .instance(EmulatedInstance.builder(ID, InstanceToken.of("token-42")).records(5).build())
            .start();
    client = client(emulator);
    crm = client.connector(ID);
  }

  @AfterEach
  void stop() {
    awaitPoolIdle(client);
    client.close();
    emulator.close();
  }

  List<String> writes() {
    return emulator.journal().stream()
        .filter(r -> r.path().startsWith("/hubs/") && !r.method().equals("GET"))
        .map(r -> r.method() + " " + r.status())
        .toList();
  }

  long contactsNamed(String name) {
    Long count =
        crm.list("crm/contacts", ConnectorQuery.all().withWhere("name = '" + name + "'"))
            .count()
            .block(Duration.ofSeconds(10));
    return count == null ? -1 : count;
  }

  @Test
  void aRecordIsCreatedChangedReplacedAndDeletedWithTheClientsMapper() {
    StepVerifier.create(crm.create("crm/contacts", new NewContact("Ada", "Bern"), Contact.class))
        .expectNext(new Contact("6", "Ada", "Bern"))
        .verifyComplete();
    StepVerifier.create(crm.update("crm/contacts/6", Map.of("city", "Zürich"), Contact.class))
        .expectNext(new Contact("6", "Ada", "Zürich"))
        .verifyComplete();
    StepVerifier.create(crm.replace("crm/contacts/6", new NewContact("Grace", "Arlington")))
        .assertNext(
            replaced -> {
              assertThat(replaced.path("name").asString()).isEqualTo("Grace");
              assertThat(replaced.path("id").asString()).isEqualTo("6");
            })
        .verifyComplete();
    StepVerifier.create(crm.get("crm/contacts/6", Contact.class))
        .expectNext(new Contact("6", "Grace", "Arlington"))
        .verifyComplete();
    StepVerifier.create(crm.delete("crm/contacts/6")).verifyComplete();
    StepVerifier.create(crm.get("crm/contacts/6"))
        .expectError(NotFoundException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(writes()).containsExactly("POST 200", "PATCH 200", "PUT 200", "DELETE 200");
    assertThat(emulator.journal())
        .filteredOn(r -> !r.method().equals("GET"))
        .allSatisfy(
            r ->
                assertThat(r.credentialParts())
                    .containsExactlyInAnyOrder(
                        io.github.openconnectors.core.CredentialPart.USER,
                        io.github.openconnectors.core.CredentialPart.INSTANCE_TOKEN));
  }

  @Test
  void aJsonTreeIsWrittenAndReadAsIs() {
    JsonNode body =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree("{\"name\":\"Zoë\",\"tags\":[\"a\",\"b\"],\"score\":1.5}");

    StepVerifier.create(crm.create("crm/contacts", body))
        .assertNext(
            created -> {
              assertThat(created.path("tags").size()).isEqualTo(2);
              assertThat(created.path("score").asDouble()).isEqualTo(1.5);
              assertThat(created.path("name").asString()).isEqualTo("Zoë");
            })
        .verifyComplete();
  }

  @Test
  void aConflictAndAnUnsupportedBodyAreTypedAndNotRetried() {
    StepVerifier.create(crm.create("crm/contacts", Map.of("id", "3", "name", "again")))
        .expectErrorSatisfies(
            error -> {
              assertThat(error)
                  .isInstanceOf(ConflictException.class)
                  .hasMessageStartingWith(
                      "POST "
                          + emulator.baseUrl()
                          + "/hubs/crm/contacts: 409 Conflict: A record with id 3 exists already");
              assertThat(((ConflictException) error).isTransient()).isFalse();
            })
        .verify(Duration.ofSeconds(10));

    emulator.inject(Fault.status(415, "Unsupported Media Type").onMethod("PATCH"));
    StepVerifier.create(crm.update("crm/contacts/3", Map.of("name", "x")))
        .expectError(UnsupportedMediaTypeException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(writes()).containsExactly("POST 409", "PATCH 415");
  }

  @Test
  void aProvidersFailureSurfacesItsMessageWithoutQuotingTheBody() {
    emulator.inject(Fault.status(502, "Provider failed").onMethod("POST"));

    StepVerifier.create(crm.create("crm/contacts", Map.of("name", "secret-looking body")))
        .expectErrorSatisfies(
            error -> {
              assertThat(error).isInstanceOf(ServerException.class);
              assertThat(((ServerException) error).providerMessage())
                  .hasValue("Provider said: Provider failed");
              assertThat(error.getMessage())
                  .contains("Provider said: Provider failed")
                  .doesNotContain("secret-looking body");
            })
        .verify(Duration.ofSeconds(10));
    assertThat(writes()).as("a 502 on a write is not retried").containsExactly("POST 502");
  }

  @Test
  void aWriteWhoseConnectionClosedAfterTheServerActedIsNotSentAgain() {
    emulator.inject(Fault.closedBeforeResponse().onMethod("POST"));

    StepVerifier.create(crm.create("crm/contacts", new NewContact("Once", "Bern")))
        .expectErrorSatisfies(
            error -> {
              assertThat(error).isInstanceOf(ConnectionException.class);
              assertThat(((ConnectionException) error).requestSent()).isTrue();
            })
        .verify(Duration.ofSeconds(10));

    assertThat(writes()).hasSize(1);
    assertThat(contactsNamed("Once")).as("done once, by the one request").isEqualTo(1);
  }

  @Test
  void aReadOrAWriteDeclaredIdempotentIsSentAgainAfterTheSameFailure() {
    emulator.inject(Fault.closedBeforeResponse().onMethod("PUT"));
    emulator.inject(Fault.closedBeforeResponse().onMethod("GET").onPath("/hubs/.*"));

    StepVerifier.create(
            crm.withIdempotentWrites()
                .replace("crm/contacts/2", new NewContact("Same", "Bern"), Contact.class))
        .expectNext(new Contact("2", "Same", "Bern"))
        .verifyComplete();
    StepVerifier.create(crm.get("crm/contacts/2", Contact.class))
        .expectNext(new Contact("2", "Same", "Bern"))
        .verifyComplete();

    assertThat(writes()).as("the PUT, twice").hasSize(2);
    ConnectorClient idempotent = crm.withIdempotentWrites();
    assertThat(idempotent.withIdempotentWrites()).isSameAs(idempotent);
  }

  @RepeatedTest(3)
  void manyWritesAtOnceFromSeveralThreadsAreEachDoneExactlyOnce() {
    int writes = 200;
    int closed = 20;
    emulator.inject(Fault.closedBeforeResponse().onMethod("POST").times(closed));

    List<String> outcomes =
        Flux.range(0, writes)
            .flatMap(
                i ->
                    crm.create("crm/contacts", new NewContact("many " + i, "Bern"), Contact.class)
                        .map(created -> "created")
                        .onErrorResume(
                            ConnectionException.class,
                            refused ->
                                Mono.just(refused.requestSent() ? "closed after sending" : "?"))
                        .subscribeOn(
                            i % 2 == 0 ? Schedulers.parallel() : Schedulers.boundedElastic()),
                16)
            .collectList()
            .block(Duration.ofSeconds(30));

    assertThat(outcomes)
        .hasSize(writes)
        .containsOnly("created", "closed after sending")
        .filteredOn("closed after sending"::equals)
        .hasSize(closed);
    assertThat(writes()).as("every write sent once").hasSize(writes);
    List<String> names =
        crm.list(
                "crm/contacts", ConnectorQuery.all().withWhere("name like 'many %'"), Contact.class)
            .map(Contact::name)
            .collectList()
            .block(Duration.ofSeconds(10));
    assertThat(names).hasSize(writes).doesNotHaveDuplicates();
  }

  @Test
  void aWriteRefusedWithRetryAfterIsSentAgainOnceTheWaitIsOver() {
    emulator.inject(Fault.tooManyRequests("1").onMethod("POST"));

    StepVerifier.create(crm.create("crm/contacts", new NewContact("Patient", "Bern")))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(writes()).containsExactly("POST 429", "POST 200");
    assertThat(contactsNamed("Patient")).isEqualTo(1);
  }

  @Test
  void aWriteRefusedWithA503IsNotSentAgainSinceTheServerMayHaveActed() {
    emulator.inject(Fault.status(503).onMethod("DELETE"));

    StepVerifier.create(crm.delete("crm/contacts/1"))
        .expectError(ServerException.class)
        .verify(Duration.ofSeconds(10));

    assertThat(writes()).containsExactly("DELETE 503");
  }

  @Test
  void aWriteThatWasNeverSentIsSentAgain() {
    int port = emulator.port();
    String baseUrl = emulator.baseUrl();
    Credentials platform = emulator.platformCredentials();
    emulator.close();
    // Nothing listens on the port until two connection attempts have begun.
    AtomicInteger connects = new AtomicInteger();
    try (OpenConnectorsClient refusedFirst =
        OpenConnectorsClient.builder()
            .baseUrl(baseUrl)
            .credentials(platform)
            .httpClient(http -> http.doOnConnect(config -> connects.incrementAndGet()))
            .retry(
                RetryPolicy.defaults()
                    .withMaxRetries(50)
                    .withBackoff(Duration.ofMillis(50), Duration.ofMillis(50)))
            .build()) {
      StepVerifier.create(
              refusedFirst
                  .connector(InstanceToken.of("token-42"))
                  .create("crm/contacts", new NewContact("Late", "Bern"), Contact.class))
          .then(
              () -> {
                await(() -> connects.get() >= 2);
                emulator =
                    OpenConnectorsEmulator.builder()
                        .port(port)
                        .instance(
                            EmulatedInstance.builder(ID, InstanceToken.of("token-42"))
                                .records(5)
                                .build())
                        .start();
              })
          .expectNext(new Contact("6", "Late", "Bern"))
          .verifyComplete();
    }
    // The emulator started after the second connection attempt began: the first one, at least,
    // was refused, and the write went out again.
    assertThat(connects.get()).isGreaterThanOrEqualTo(2);
    assertThat(writes()).containsExactly("POST 200");
  }

  /** Waits on the test's own thread, never a Reactor thread. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the condition did not come true in 10 s");
      }
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }

  @Test
  void aWriteMeetingAReissuedTokenIsSentOnceMoreWithTheNewOne() {
    StepVerifier.create(crm.get("crm/contacts/1")).expectNextCount(1).verifyComplete();
    emulator.reissueInstanceToken(ID);

    StepVerifier.create(crm.create("crm/contacts", new NewContact("Rotated", "Bern")))
        .expectNextCount(1)
        .verifyComplete();

    assertThat(writes()).containsExactly("POST 401", "POST 200");
    assertThat(contactsNamed("Rotated")).isEqualTo(1);
  }

  /** A body whose value cannot be had: Jackson's message would name the failure's text. */
  record Unwritable(String value) {
    @Override
    public String value() {
      throw new IllegalStateException("not-to-be-quoted");
    }
  }

  @Test
  void aBodyThatCannotBeWrittenFailsAtOnceNamingItsTypeOnly() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> crm.create("crm/contacts", new Unwritable("x")))
        .withMessage("the body cannot be written as JSON: " + Unwritable.class.getName())
        .withNoCause();
    assertThat(emulator.journal()).isEmpty();
  }
}
