package io.github.openconnectors.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.core.Credentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalTest {

  @Test
  void recordsMethodPathQueryStatusAndThePartsSentAsFingerprints() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(3).start()) {
      Http http = new Http(emulator);
      Credentials platform = emulator.platformCredentials();
      long id = emulator.firstGeneratedId();

      http.get("/instances?pageSize=2&tags%5B%5D=prod&tags%5B%5D=eu", platform, ApiKind.PLATFORM);
      http.get("/hubs/crm/accounts", emulator.connectorCredentials(id), ApiKind.CONNECTOR);
      http.getWithoutAuthorization("/instances/" + id);

      List<RecordedRequest> journal = emulator.journal();
      assertThat(journal).hasSize(3);
      RecordedRequest listing = journal.get(0);
      assertThat(listing.method()).isEqualTo("GET");
      assertThat(listing.path()).isEqualTo("/instances");
      assertThat(listing.query())
          .containsEntry("pageSize", List.of("2"))
          .containsEntry("tags[]", List.of("prod", "eu"));
      assertThat(listing.status()).isEqualTo(200);
      assertThat(listing.credentialParts())
          .containsExactly(CredentialPart.USER, CredentialPart.ORGANIZATION);
      assertThat(listing.fingerprints())
          .isEqualTo(
              Map.of(
                  CredentialPart.USER, emulator.userSecret().fingerprint(),
                  CredentialPart.ORGANIZATION, emulator.organizationSecret().fingerprint()));
      assertThat(journal.get(1).credentialParts())
          .containsExactly(CredentialPart.USER, CredentialPart.INSTANCE_TOKEN);
      assertThat(journal.get(1).fingerprints().get(CredentialPart.INSTANCE_TOKEN))
          .isEqualTo(emulator.instanceToken(id).fingerprint());
      assertThat(journal.get(2).credentialParts()).isEmpty();
      assertThat(journal.get(2).status()).isEqualTo(401);
      assertThat(journal).extracting(RecordedRequest::requestId).doesNotHaveDuplicates();
    }
  }

  @Test
  void neverPrintsASecret() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(3).start()) {
      Http http = new Http(emulator);
      long id = emulator.firstGeneratedId();
      http.get(
          "/hubs/crm/accounts",
          Credentials.of(
              emulator.userSecret(), emulator.organizationSecret(), emulator.instanceToken(id)),
          ApiKind.PLATFORM_AND_CONNECTOR);

      String printed =
          emulator.journal() + " " + emulator + " " + emulator.instance(id).orElseThrow();

      assertThat(printed)
          .contains("GET /hubs/crm/accounts {} -> 200 [USER, ORGANIZATION, INSTANCE_TOKEN]")
          .doesNotContain(emulator.userSecret().reveal())
          .doesNotContain(emulator.organizationSecret().reveal())
          .doesNotContain(emulator.instanceToken(id).reveal());
    }
  }

  @Test
  void keepsTheLastEntriesUpToItsLimitAndCanBeCleared() {
    try (OpenConnectorsEmulator emulator =
        OpenConnectorsEmulator.builder().journalLimit(3).start()) {
      Http http = new Http(emulator);
      for (int i = 1; i <= 5; i++) {
        http.get("/instances/" + i, emulator.platformCredentials(), ApiKind.PLATFORM);
      }

      assertThat(emulator.journal())
          .extracting(RecordedRequest::path)
          .containsExactly("/instances/3", "/instances/4", "/instances/5");
      emulator.clearJournal();
      assertThat(emulator.journal()).isEmpty();
    }
  }
}
