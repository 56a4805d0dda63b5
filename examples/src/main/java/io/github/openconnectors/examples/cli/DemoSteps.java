package io.github.openconnectors.examples.cli;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.CredentialPart;
import io.github.openconnectors.core.Credentials;
import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.emulator.DeliveryFault;
import io.github.openconnectors.emulator.EmulatedInstance;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.github.openconnectors.emulator.RecordedRequest;
import io.github.openconnectors.reactor.Instance;
import io.github.openconnectors.reactor.OpenConnectorsClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** The demo's steps, printing as they go; the emulator, when there is one, shows the wire. */
final class DemoSteps {

  private static final String INDENT = "   ";

  /** Rows of the listing shown; the rest is counted. */
  private static final int ROWS_SHOWN = 10;

  /** Lookups that meet the rotated secret together. */
  private static final int CONCURRENT_LOOKUPS = 100;

  private final PrintWriter out;
  private final OpenConnectorsClient client;
  private final @Nullable OpenConnectorsEmulator emulator;

  DemoSteps(
      PrintWriter out, OpenConnectorsClient client, @Nullable OpenConnectorsEmulator emulator) {
    this.out = out;
    this.client = client;
    this.emulator = emulator;
  }

  void headers(Credentials credentials) {
    title(1, "The Authorization header, composed once per kind of request, secrets redacted");
    for (ApiKind kind :
        List.of(ApiKind.PLATFORM, ApiKind.CONNECTOR, ApiKind.PLATFORM_AND_CONNECTOR)) {
      String name =
          kind == ApiKind.PLATFORM_AND_CONNECTOR ? "both" : kind.name().toLowerCase(Locale.ROOT);
      String header =
          credentials.canAuthorize(kind)
              ? "Authorization: " + credentials.authorizationFor(kind).redacted()
              : "(the credentials lack a part this kind needs)";
      out.printf("%s%-10s %s%n", INDENT, name, header);
    }
    StringBuilder fingerprints = new StringBuilder();
    credentials.userSecret().ifPresent(s -> fingerprints.append(", User ").append(s.fingerprint()));
    credentials
        .organizationSecret()
        .ifPresent(s -> fingerprints.append(", Organization ").append(s.fingerprint()));
    credentials
        .instanceToken()
        .ifPresent(s -> fingerprints.append(", Element ").append(s.fingerprint()));
    credentials
        .bearerToken()
        .ifPresent(s -> fingerprints.append(", Bearer ").append(s.fingerprint()));
    out.println(
        INDENT + "Told apart by fingerprint" + fingerprints.toString().replaceFirst(",", ":"));
    out.flush();
  }

  /**
   * Streams every instance, showing the first rows and counting the rest.
   *
   * @return the id of the first instance, or null when there is none
   */
  @Nullable Long listing() {
    title(2, "Every instance, streamed page by page as it arrives: client.instances()");
    clearJournal();
    long started = System.nanoTime();
    // Shows the first rows, and remembers the first instance and when it came.
    final class Rows implements Consumer<Instance> {
      private long seen;
      private long firstId = -1;
      private long firstAfter;

      @Override
      public void accept(Instance instance) {
        if (seen++ == 0) {
          firstId = instance.id();
          firstAfter = System.nanoTime() - started;
        }
        if (seen <= ROWS_SHOWN) {
          InstanceTable.printRow(out, INDENT, instance);
        }
      }
    }
    Rows rows = new Rows();
    InstanceTable.printHeader(out, INDENT);
    long count = Printing.stream(client.instances(), rows, out, Progress.none());
    long total = System.nanoTime() - started;
    StringBuilder summary = new StringBuilder(INDENT);
    if (count > ROWS_SHOWN) {
      summary.append(String.format(Locale.ROOT, "… and %,d more. ", count - ROWS_SHOWN));
    }
    summary.append(String.format(Locale.ROOT, "%,d instances", count));
    if (emulator != null) {
      summary.append(
          String.format(
              Locale.ROOT,
              " in %d request(s) of up to 200, each sent when the stream reached it",
              journal().size()));
    }
    if (count > 0) {
      summary.append(
          String.format(
              Locale.ROOT,
              "; the first after %d ms, all after %d ms",
              millis(rows.firstAfter),
              millis(total)));
    }
    out.println(summary);
    out.flush();
    return count == 0 ? null : rows.firstId;
  }

  void detail(long id) {
    title(3, "One instance in detail: client.instance(" + id + ")");
    Instance instance = Objects.requireNonNull(client.instance(id).block());
    InstanceDetail.print(out, INDENT, instance);
    out.flush();
  }

  void connector(long id, String path) {
    title(
        4,
        "A connector call through instance-token resolution: client.connector("
            + id
            + ").list(\""
            + path
            + "\")");
    clearJournal();
    List<JsonNode> records =
        Objects.requireNonNull(client.connector(id).list(path).take(3).collectList().block());
    for (JsonNode record : records) {
      out.println(INDENT + record);
    }
    if (emulator != null) {
      // A write, on the embedded emulator only: against a tenant the demo changes nothing.
      JsonNode created =
          Objects.requireNonNull(
              client
                  .connector(id)
                  .create(path, new NewContact("Ada Lovelace", "ada@example.com"))
                  .block());
      String createdId = created.path("id").asString();
      JsonNode readBack =
          Objects.requireNonNull(client.connector(id).get(path + "/" + createdId).block());
      out.printf(
          "%sWritten and read back: create(\"%s\", {name, email}) then get(\"%s/%s\"):%n%s  %s%n",
          INDENT, path, path, createdId, INDENT, readBack);
      out.println(INDENT + "On the wire, as the emulator's journal saw it:");
      for (RecordedRequest request : journal()) {
        out.printf(
            "%s  %-6s %-24s %d  %s%n",
            INDENT,
            request.method(),
            request.path(),
            request.status(),
            parts(request.fingerprints()));
      }
      out.println(
          INDENT
              + "The token was looked up once with the platform secrets and cached; connector"
              + " requests carry only User and Element. A write is never sent twice unless it"
              + " surely was not done.");
    }
    out.flush();
  }

  void rotation(AtomicInteger vaultReads) {
    OpenConnectorsEmulator emulator = Objects.requireNonNull(this.emulator);
    title(5, "Riding through a rotated secret: " + CONCURRENT_LOOKUPS + " lookups meet it at once");
    clearJournal();
    int readsBefore = vaultReads.get();
    String old = emulator.platformCredentials().userSecret().orElseThrow().fingerprint();
    String fresh = emulator.rotateUserSecret().fingerprint();
    out.printf(
        "%semulator.rotateUserSecret(): User %s is refused from now on; the vault holds %s,"
            + " the client still caches the old one%n",
        INDENT, old, fresh);
    long answered =
        Objects.requireNonNull(
            Flux.range(0, CONCURRENT_LOOKUPS)
                .flatMap(i -> client.instance(DemoData.CRM_INSTANCE), CONCURRENT_LOOKUPS)
                .count()
                .block());
    Map<String, Long> byOutcome =
        journal().stream()
            .collect(
                Collectors.groupingBy(
                    request ->
                        request.status()
                            + " with User "
                            + request.fingerprints().get(CredentialPart.USER),
                    () -> new TreeMap<String, Long>(Comparator.reverseOrder()),
                    Collectors.counting()));
    out.printf("%s%d lookups answered. The emulator's journal:%n", INDENT, answered);
    byOutcome.forEach((outcome, n) -> out.printf("%s  %3d  %s%n", INDENT, n, outcome));
    int refreshes = vaultReads.get() - readsBefore;
    out.printf(
        "%sThe vault was read %s for all of them: each 401 invalidated exactly the refused"
            + " credentials and was re-sent once with the refreshed ones.%n",
        INDENT, refreshes == 1 ? "once more" : refreshes + " more times");
    out.flush();
  }

  /**
   * An instance with event notifications on: a connector write arrives at a callback URL on this
   * machine as a signed POST, verified before it is read; a tampered one is refused.
   */
  void events() {
    title(
        6,
        "A write arriving as a signed event, verified: WebhookSignature.verify(key, body, header)");
    OpenConnectorsEmulator running = Objects.requireNonNull(emulator);
    EventSignatureKey key = EventSignatureKey.of("demo-event-signature-key");
    BlockingQueue<EventListener.Received> received = new LinkedBlockingQueue<>();
    try (EventListener listener = EventListener.start("127.0.0.1", 0, key, received::offer)) {
      running.addInstance(
          EmulatedInstance.builder(DemoData.EVENTS_INSTANCE, DemoCredentials.EVENTS_TOKEN)
              .name("CRM with events")
              .eventNotifications(
                  new EmulatedInstance.EventNotifications(URI.create(listener.callbackUrl()), key))
              .build());
      out.printf("%sCallback URL %s, key %s%n", INDENT, listener.callbackUrl(), key.fingerprint());
      client
          .connector(DemoData.EVENTS_INSTANCE)
          .create(DemoData.CRM_RESOURCE, new NewContact("Grace Hopper", "grace@example.com"))
          .block();
      out.printf("%sVerified: %s%n", INDENT, next(received).line());
      running.injectDeliveryFault(DeliveryFault.TAMPERED_BODY);
      client
          .connector(DemoData.EVENTS_INSTANCE)
          .create(DemoData.CRM_RESOURCE, new NewContact("Mallory", "mallory@example.com"))
          .block();
      out.printf("%sTampered on the way: %s%n", INDENT, next(received).line());
    }
    out.flush();
  }

  private static EventListener.Received next(BlockingQueue<EventListener.Received> received) {
    try {
      EventListener.Received delivery = received.poll(10, TimeUnit.SECONDS);
      if (delivery == null) {
        throw new CliException(OpenConnectorsCli.FAILURE, "no event arrived within 10 s");
      }
      return delivery;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(OpenConnectorsCli.FAILURE, "interrupted while waiting for an event");
    }
  }

  void skipped(int step, String why) {
    title(step, "Skipped: " + why);
  }

  private void title(int step, String title) {
    out.printf("%n%d. %s%n", step, title);
  }

  private void clearJournal() {
    if (emulator != null) {
      emulator.clearJournal();
    }
  }

  /** The demo's new contact, written by the client's mapper in this order. */
  record NewContact(String name, String email) {}

  private List<RecordedRequest> journal() {
    return Objects.requireNonNull(emulator).journal();
  }

  private static String parts(Map<CredentialPart, String> fingerprints) {
    return fingerprints.entrySet().stream()
        .map(part -> part.getKey().keyword() + " " + part.getValue())
        .collect(Collectors.joining(", "));
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
