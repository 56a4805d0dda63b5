package io.github.openconnectors.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.reactor.Instance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contenders list what the benchmarks claim they list: every instance, page after page. */
class ContendersTest {

  @Test
  void everyContenderListsEveryInstanceOnceInPagesOf200() {
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(1_001).start();
        Contenders contenders =
            Contenders.all(new Target(emulator.baseUrl(), emulator.platformCredentials()))) {
      for (Contender contender : contenders.list()) {
        emulator.clearJournal();

        long emitted = Contenders.listAll(contender, 1_001);

        assertThat(emitted).as(contender.name()).isEqualTo(contender.decodes() ? 1_001 : 6);
        List<RecordedRequest> journal = emulator.journal();
        assertThat(journal).as(contender.name()).hasSize(6);
        assertThat(journal)
            .allSatisfy(
                request -> {
                  assertThat(request.status()).isEqualTo(200);
                  assertThat(request.query()).containsEntry("pageSize", List.of("200"));
                });
      }
    }
  }

  @Test
  void theReplayServerServesTheEmulatorsPagesAndLookupsByteForByte() throws Exception {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(450).start();
        ReplayServer replay =
            ReplayServer.record(emulator, List.of(emulator.firstGeneratedId() + 7))) {
      HttpClient http = HttpClient.newHttpClient();
      Target live = new Target(emulator.baseUrl(), emulator.platformCredentials());
      String cursor = null;
      int pages = 0;
      do {
        HttpResponse<byte[]> recorded = get(http, live, live.baseUrl + Target.pagePath(cursor));
        HttpResponse<byte[]> replayed =
            get(http, live, replay.target().baseUrl + Target.pagePath(cursor));
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(recorded.body());
        assertThat(replayed.headers().firstValue(Target.NEXT_PAGE))
            .isEqualTo(recorded.headers().firstValue(Target.NEXT_PAGE));
        assertThat(replayed.headers().firstValue("Content-Type"))
            .isEqualTo(recorded.headers().firstValue("Content-Type"));
        cursor = replayed.headers().firstValue(Target.NEXT_PAGE).orElse(null);
        pages++;
      } while (cursor != null);
      assertThat(pages).isEqualTo(3);

      String lookup = "/instances/" + (emulator.firstGeneratedId() + 7);
      assertThat(get(http, live, replay.target().baseUrl + lookup).body())
          .isEqualTo(get(http, live, live.baseUrl + lookup).body());
      assertThat(get(http, live, replay.target().baseUrl + "/instances/1").statusCode())
          .isEqualTo(404);
      HttpResponse<Void> unauthorized =
          http.send(
              HttpRequest.newBuilder(URI.create(replay.target().baseUrl + lookup)).build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(unauthorized.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void everyContenderListsEveryReplayedInstance() {
    try (ReplayServer replay = ListingBenchmark.replay(1_001);
        Contenders contenders = Contenders.all(replay.target())) {
      for (Contender contender : contenders.list()) {
        assertThat(Contenders.listAll(contender, 1_001))
            .as(contender.name())
            .isEqualTo(contender.decodes() ? 1_001 : 6);
      }
    }
  }

  @Test
  void everyContenderLooksUpTheReplayedInstanceItIsAskedFor() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(20).start();
        ReplayServer replay =
            ReplayServer.record(
                emulator, List.of(emulator.firstGeneratedId(), emulator.firstGeneratedId() + 19));
        Contenders contenders = Contenders.all(replay.target())) {
      long id = emulator.firstGeneratedId() + 19;
      for (Contender contender : contenders.list()) {
        Object found = contender.lookup(id).block();
        if (found instanceof InstanceDetails details) {
          assertThat(details.id()).as(contender.name()).isEqualTo(id);
          assertThat(details.tags()).as(contender.name()).isNotEmpty();
          assertThat(details.configuration()).as(contender.name()).isNotEmpty();
        } else if (found instanceof Instance instance) {
          assertThat(instance.id()).as(contender.name()).isEqualTo(id);
        } else {
          assertThat(contender.decodes()).as(contender.name()).isFalse();
          assertThat((Long) found).as(contender.name()).isGreaterThan(50);
        }
      }
    }
  }

  @Test
  void theReplayServerCountsTheConnectionsAFreshClientOpens() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(5).start();
        ReplayServer replay = ReplayServer.record(emulator, List.of(emulator.firstGeneratedId()));
        OursContender fresh = new OursContender(replay.target())) {
      long before = replay.connectionsAccepted();

      long[] latencies = Lookups.timed(i -> fresh.lookup(emulator.firstGeneratedId()), 40, 8);

      assertThat(latencies).hasSize(40).doesNotContain(0L);
      // At least one, and fewer than one per call: the pool reuses its connections. (Not at most
      // 8: a call may acquire before the call before it has released its connection.)
      assertThat(replay.connectionsAccepted() - before).isBetween(1L, 39L);
    }
  }

  private static HttpResponse<byte[]> get(HttpClient http, Target target, String url)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", target.authorization())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theDecodersEmitDistinctInstancesInTheServicesOrder() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(450).start();
        Contenders contenders = Contenders.decoding(emulator)) {
      for (Contender contender : contenders.list()) {
        List<Long> ids =
            contender
                .listing()
                .map(
                    item ->
                        item instanceof InstanceRecord record
                            ? record.id()
                            : ((Instance) item).id())
                .collectList()
                .block();
        assertThat(ids).as(contender.name()).hasSize(450).doesNotHaveDuplicates().isSorted();
      }
    }
  }

  @Test
  void aContenderThatLosesInstancesIsCaught() {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(300).start();
        Contenders contenders = Contenders.decoding(emulator)) {
      Contender ours = contenders.list().get(0);

      assertThatThrownBy(() -> Contenders.listAll(ours, 301))
          .hasMessage("(a) this client emitted 300, expected 301");
    }
  }

  @Test
  void percentilesAndMedians() {
    long[] samples = new long[100];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = 100 - i;
    }
    assertThat(Stats.percentile(samples, 50)).isEqualTo(50);
    assertThat(Stats.percentile(samples, 99)).isEqualTo(99);
    assertThat(Stats.percentile(samples, 100)).isEqualTo(100);
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
  }
}
