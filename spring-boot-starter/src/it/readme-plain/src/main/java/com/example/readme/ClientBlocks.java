package com.example.readme;

import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.reactor.CachingCredentialsProvider;
import io.github.openconnectors.reactor.ConnectorClient;
import io.github.openconnectors.reactor.ConnectorQuery;
import io.github.openconnectors.reactor.CredentialsProvider;
import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.InstanceQuery;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import io.github.openconnectors.reactor.Page;
import io.github.openconnectors.reactor.fleet.RequestRate;
import io.github.openconnectors.redis.RedisSharedCache;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The guide's client blocks (docs/), each in the scope a user would have. */
final class ClientBlocks {

  /** A user's record of the connector API. */
  record Account(String id, String name, String city) {}

  /** A user's new record. */
  record NewAccount(String name, String city) {}

  /** A user's vault of secrets. */
  interface Vault {
    Mono<String> read(String path);
  }

  void lookupsAndListings(OpenConnectorsClient client) {
    Mono<Instance> one = client.instance(42);                       // GET /instances/42
    Flux<Instance> prod = client.instances(InstanceQuery.all()
        .withTags("prod", "eu").withSearchText("sfdc").withHydrate(true).withPageSize(100));
    Flux<Page<Instance>> pages = client.instancePages(InstanceQuery.all());
    // pages carry nextPageToken(), totalCount() (when sent), requestId();
    // InstanceQuery.all().resumingFrom(token) resumes a listing later.
  }

  void theConnectorApi(OpenConnectorsClient client, String token, JsonNode wholeRecord) {
    ConnectorClient crm = client.connector(42);                    // by instance id, or connector(InstanceToken)
    Flux<Account> accounts = crm.list("crm/accounts", Account.class); // /hubs/crm/accounts, paged and streamed
    Mono<JsonNode> account = crm.get("crm/accounts/7");              // NotFoundException when missing

    // Queries: CEQL where, fields, orderBy, page size; written as the service documents them.
    ConnectorQuery query = ConnectorQuery.all()
        .withWhere("Department != 'Procurement' and City like 'Zü%'")
        .withFields("id", "name", "City")
        .withOrderBy("name asc")
        .withPageSize(100);
    Flux<Account> some = crm.list("crm/accounts", query, Account.class);
    Flux<Page<Account>> pages = crm.pages("crm/accounts", query, Account.class);
    Flux<Account> rest = crm.list("crm/accounts", query.resumingFrom(token), Account.class); // token: a page's nextPageToken()

    // Writes: bodies written by the client's mapper (a bean, record, Map or JsonNode).
    Mono<Account> created = crm.create("crm/accounts", new NewAccount("Ada", "Bern"), Account.class); // POST
    Mono<JsonNode> changed = crm.update("crm/accounts/7", Map.of("City", "Zürich"));  // PATCH: the fields given
    Mono<JsonNode> replaced = crm.replace("crm/accounts/7", wholeRecord);            // PUT, where the connector has it
    Mono<Void> deleted = crm.delete("crm/accounts/7");                              // DELETE
  }

  void aCachingProvider(Vault vault, String url) {
    CredentialsProvider provider = CachingCredentialsProvider
        .builder(vault.read("open-connectors").map(Credentials::parse))   // any Mono<Credentials>
        .prefetch(Duration.ofMinutes(5))
        .stale(Duration.ofMinutes(1))
        .build();
    OpenConnectorsClient client = OpenConnectorsClient.builder().baseUrl(url).credentialsProvider(provider).build();
  }

  void aBearerLogIn(String url) {
    OpenConnectorsClient client = OpenConnectorsClient.builder()
        .baseUrl(url)
        .bearerLogin(System.getenv("OC_USERNAME"), System.getenv("OC_PASSWORD"))
        .build();
  }

  void aFleet(String url, String username, String password) {
    RedisSharedCache fleet = RedisSharedCache
        .builder("redis://redis.internal:6379", System.getenv("OC_CACHE_KEY"))  // openssl rand -base64 32
        .build();
    OpenConnectorsClient client = OpenConnectorsClient.builder()
        .baseUrl(url)
        .bearerLogin(username, password)       // one log-in for the fleet
        .sharedCache(fleet)                    // and one lookup per instance token
        .rateBudget(fleet.rateBudget())        // one rate budget, and one pause after a 429
        .rateLimit(RequestRate.of(100, Duration.ofSeconds(1)))   // for the whole fleet
        .build();

    CredentialsProvider vault = CachingCredentialsProvider     // one read of the vault for the fleet
        .builder(readVault())
        .shared(fleet, "vault")
        .build();
  }

  private static Mono<Credentials> readVault() {
    return Mono.fromSupplier(Credentials::fromEnvironment);
  }
}
