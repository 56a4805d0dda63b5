package io.github.openconnectors.benchmarks;

import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** (a) This client: streamed, demand-paged, decoded with Jackson's non-blocking parser. */
final class OursContender implements Contender {

  private final OpenConnectorsClient client;
  private final String name;

  OursContender(Target target) {
    this(target, UnaryOperator.identity(), "(a) this client");
  }

  OursContender(Target target, UnaryOperator<OpenConnectorsClient.Builder> more, String name) {
    this.client =
        more.apply(
                OpenConnectorsClient.builder()
                    .baseUrl(target.baseUrl)
                    .credentials(target.credentials)
                    .pageSize(Target.PAGE_SIZE))
            .build();
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Flux<?> listing() {
    return client.instances();
  }

  @Override
  public Mono<?> lookup(long id) {
    return client.instance(id);
  }

  @Override
  public void close() {
    client.close();
  }
}
