package io.github.openconnectors.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.reactor.Instance;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contenders list what the benchmarks claim they list: every instance, page after page. */
class ContendersTest {

  @Test
  void everyContenderListsEveryInstanceOnceInPagesOf200() {
    try (OpenConnectorsEmulator emulator =
            OpenConnectorsEmulator.builder().instances(1_001).start();
        Contenders contenders = Contenders.all(emulator)) {
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
