package io.github.openconnectors.benchmarks;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import reactor.core.publisher.Flux;

/** (a) This client: streamed, demand-paged, decoded with Jackson's non-blocking parser. */
final class OursContender implements Contender {

  private final OpenConnectorsClient client;

  OursContender(Target target) {
    this.client =
        OpenConnectorsClient.builder()
            .baseUrl(target.baseUrl)
            .credentials(target.credentials)
            .pageSize(Target.PAGE_SIZE)
            .build();
  }

  @Override
  public String name() {
    return "(a) this client";
  }

  @Override
  public Flux<?> listing() {
    return client.instances();
  }

  @Override
  public void close() {
    client.close();
  }
}
