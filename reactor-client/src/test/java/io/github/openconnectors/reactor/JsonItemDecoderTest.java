package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.emulator.OpenConnectorsEmulator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

class JsonItemDecoderTest {

  static final JsonMapper MAPPER = JsonMapper.builder().build();
  static final ObjectReader TREES =
      MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  static byte[] page;
  static List<JsonNode> expected;

  /** A real page from the emulator: names with multi-byte UTF-8, nested objects, arrays. */
  @BeforeAll
  static void fetchAPage() throws Exception {
    try (OpenConnectorsEmulator emulator = OpenConnectorsEmulator.builder().instances(12).start()) {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/instances?hydrate=true"))
              .header(
                  "Authorization",
                  emulator.platformCredentials().authorizationFor(ApiKind.PLATFORM).value())
              .build();
      page =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }
    assertThat(new String(page, StandardCharsets.UTF_8)).containsPattern("[^\\x00-\\x7F]");
    expected = new ArrayList<>();
    MAPPER.readTree(page).forEach(expected::add);
    assertThat(expected).hasSize(12);
  }

  @Test
  void aPageSplitAtEveryByteBoundaryYieldsTheSameItems() {
    for (int split = 0; split <= page.length; split++) {
      JsonItemDecoder<JsonNode> decoder =
          JsonItemDecoder.forArray(TREES, 1 << 20, TREES::readValue);
      List<JsonNode> items = new ArrayList<>();
      items.addAll(feed(decoder, Arrays.copyOfRange(page, 0, split)));
      items.addAll(feed(decoder, Arrays.copyOfRange(page, split, page.length)));
      items.addAll(decoder.end());

      assertThat(items).as("split at %d", split).isEqualTo(expected);
    }
  }

  /**
   * Nested objects and strings that look like the end of an item ({@code "},{"}, {@code "}]"}),
   * where the decoder guesses that a chunk's last item ends: a wrong guess must not matter.
   */
  @Test
  void itemsThatHoldWhatLooksLikeAnItemsEndAreReadWholeWhereverTheBodyIsSplit() {
    byte[] body =
        ("[{\"id\":1,\"configuration\":{\"hosts\":[{\"a\":1},{\"b\":2}]},\"tags\":[{\"name\":\"x\"}]},"
                + "{\"id\":2,\"description\":\"not an end: },{ or }] here\"},"
                + " {\"id\":3,\"providerData\":{\"list\":[{}],\"more\":[{},{}]}} ]")
            .getBytes(StandardCharsets.UTF_8);
    List<JsonNode> whole = new ArrayList<>();
    MAPPER.readTree(body).forEach(whole::add);
    for (int first = 0; first <= body.length; first++) {
      for (int second = first; second <= body.length; second += 7) {
        JsonItemDecoder<JsonNode> decoder =
            JsonItemDecoder.forArray(TREES, 1 << 20, TREES::readValue);
        List<JsonNode> items = new ArrayList<>();
        items.addAll(feed(decoder, Arrays.copyOfRange(body, 0, first)));
        items.addAll(feed(decoder, Arrays.copyOfRange(body, first, second)));
        items.addAll(feed(decoder, Arrays.copyOfRange(body, second, body.length)));
        items.addAll(decoder.end());

        assertThat(items).as("split at %d and %d", first, second).isEqualTo(whole);
      }
    }
  }

  /**
   * Decoders fed by one thread share its parsing window: each carries its own cut-off item, so that
   * feeding another decoder in between, as an event loop does with its connections, changes
   * nothing.
   */
  @Test
  void decodersFedInTurnOnOneThreadEachReadTheirOwnItems() {
    byte[] other = MAPPER.writeValueAsBytes(List.of(expected.get(5), expected.get(6)));
    for (int split = 1; split < page.length; split += 13) {
      JsonItemDecoder<JsonNode> first = JsonItemDecoder.forArray(TREES, 1 << 20, TREES::readValue);
      JsonItemDecoder<JsonNode> second = JsonItemDecoder.forArray(TREES, 1 << 20, TREES::readValue);
      List<JsonNode> firstItems = new ArrayList<>();
      List<JsonNode> secondItems = new ArrayList<>();

      firstItems.addAll(feed(first, Arrays.copyOfRange(page, 0, split)));
      secondItems.addAll(feed(second, Arrays.copyOfRange(other, 0, other.length / 2)));
      firstItems.addAll(feed(first, Arrays.copyOfRange(page, split, page.length)));
      secondItems.addAll(feed(second, Arrays.copyOfRange(other, other.length / 2, other.length)));
      firstItems.addAll(first.end());
      secondItems.addAll(second.end());

      assertThat(firstItems).as("split at %d", split).isEqualTo(expected);
      assertThat(secondItems).containsExactly(expected.get(5), expected.get(6));
    }
  }

  /** A record the connector API binds items to, as a user's own type. */
  record Account(long id, String name, List<String> tags, Map<String, Object> extra) {}

  /**
   * Data binding wraps the parser's end of input in its own exception, with a path: a bound item
   * cut off anywhere is still carried to the next chunk, not taken for malformed JSON.
   */
  @Test
  void boundItemsCutOffAnywhereAreReadWhole() {
    ObjectReader accounts =
        MAPPER.readerFor(Account.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    byte[] body =
        ("[{\"id\": 1, \"name\": \"Zürich \\\"AG\\\"\", \"tags\": [\"a\", \"b\"],"
                + " \"extra\": {\"n\": 1.5, \"list\": [true, null]}},"
                + " {\"id\": 2, \"name\": \"東京\", \"tags\": [], \"extra\": {}}]")
            .getBytes(StandardCharsets.UTF_8);
    List<Account> whole = List.of(accounts.<Account[]>forType(Account[].class).readValue(body));
    for (int split = 0; split <= body.length; split++) {
      JsonItemDecoder<Account> decoder =
          JsonItemDecoder.forArray(TREES, 1 << 20, accounts::readValue);
      List<Account> items = new ArrayList<>(feed(decoder, Arrays.copyOfRange(body, 0, split)));
      items.addAll(feed(decoder, Arrays.copyOfRange(body, split, body.length)));
      items.addAll(decoder.end());

      assertThat(items).as("split at %d", split).isEqualTo(whole);
    }
  }

  /**
   * An item cut off by a chunk's end is parsed again with the next chunk; arriving byte by byte, it
   * is parsed again only when the bytes carried have doubled, not once per byte.
   */
  @Test
  void aLargeItemTrickledByteByByteIsParsedALogarithmicNumberOfTimes() {
    byte[] body =
        ("[{\"id\": 1, \"description\": \"" + "x".repeat(100_000) + "\"}, {\"id\": 2}]")
            .getBytes(StandardCharsets.UTF_8);
    AtomicInteger attempts = new AtomicInteger();
    JsonItemDecoder<JsonNode> decoder =
        JsonItemDecoder.forArray(
            TREES,
            1 << 20,
            json -> {
              attempts.incrementAndGet();
              return TREES.readValue(json);
            });
    List<JsonNode> items = new ArrayList<>();
    for (byte b : body) {
      items.addAll(feed(decoder, new byte[] {b}));
    }
    items.addAll(decoder.end());

    assertThat(items).hasSize(2);
    assertThat(attempts.get()).isBetween(2, 2 * 20);
  }

  @Test
  void malformedJsonIsLocatedByItsByteInTheBodyWithoutQuotingIt() {
    assertThatThrownBy(() -> decodeAll("[{\"a\": 1}, {\"b\": secret}]"))
        .hasMessage("the body is not valid JSON at byte 17");
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forArray(TREES, 1000, TREES::readValue);
    assertThat(feed(decoder, "[{\"a\": 1}, ".getBytes(StandardCharsets.UTF_8))).hasSize(1);
    assertThatThrownBy(() -> feed(decoder, "{\"b\": secret}]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the body is not valid JSON at byte 17");
  }

  @Test
  void itemsBeforeAMalformedOneInTheSameChunkAreHandedOutFirst() {
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forArray(TREES, 1000, TREES::readValue);
    List<JsonNode> items =
        feed(decoder, "[{\"a\": 1}, {\"a\": 2}, {\"b\" 3}]".getBytes(StandardCharsets.UTF_8));

    assertThat(items).hasSize(2);
    assertThatThrownBy(decoder::end).hasMessageStartingWith("the body is not valid JSON at byte ");
  }

  @Test
  void instancesWithAnyJsonValueInsideConfigurationAndProviderDataAreRead() {
    byte[] body =
        ("[{\"id\": 1, \"configuration\": {\"retry\": {\"max\": 3}, \"hosts\": [\"a\", {\"b\": null}],"
                + " \"on\": true, \"none\": null, \"base.url\": \"https://x\"},"
                + " \"providerData\": {\"scopes\": [1, 2.5, [\"x\"]], \"nested\": {\"deep\": {}}}}]")
            .getBytes(StandardCharsets.UTF_8);
    JsonItemDecoder<Instance> decoder =
        JsonItemDecoder.forArray(TREES, 1 << 20, InstanceReader::read);
    List<Instance> items = new ArrayList<>(feed(decoder, body));
    items.addAll(decoder.end());

    assertThat(items).hasSize(1);
    assertThat(items.get(0).configuration())
        .containsEntry("retry", "{\"max\":3}")
        .containsEntry("hosts", "[\"a\",{\"b\":null}]")
        .containsEntry("on", "true")
        .containsEntry("base.url", "https://x")
        .doesNotContainKey("none");
    assertThat(items.get(0).providerData())
        .containsEntry("scopes", "[1,2.5,[\"x\"]]")
        .containsEntry("nested", "{\"deep\":{}}");
  }

  @Test
  void aPageFedOneByteAtATimeYieldsEachItemAsItsLastByteArrives() {
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forArray(TREES, 1 << 20, TREES::readValue);
    List<JsonNode> items = new ArrayList<>();
    for (byte b : page) {
      items.addAll(feed(decoder, new byte[] {b}));
    }
    items.addAll(decoder.end());

    assertThat(items).isEqualTo(expected);
  }

  @Test
  void anEmptyArrayHasNoItems() {
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forArray(TREES, 100, TREES::readValue);
    assertThat(feed(decoder, "  [ ] ".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(decoder.end()).isEmpty();
  }

  @Test
  void refusesWhatIsNotAnArrayOfObjects() {
    assertThatThrownBy(() -> decodeAll("{\"a\": 1}"))
        .hasMessage("expected a JSON array, found an object");
    assertThatThrownBy(() -> decodeAll("[1, 2]"))
        .hasMessage("expected objects in the JSON array, found a number");
    assertThatThrownBy(() -> decodeAll("[{}] [{}]"))
        .hasMessage("the body has more after its JSON array");
    assertThatThrownBy(() -> decodeAll("")).hasMessage("the body is empty: expected JSON");
    assertThatThrownBy(() -> decodeAll("[{\"a\": \"unterminated"))
        .hasMessage("the body ended before its JSON was complete (20 bytes)");
  }

  @Test
  void refusesAnItemAboveTheLimitEvenBeforeItEnds() {
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forArray(TREES, 100, TREES::readValue);
    feed(decoder, "[{\"a\": \"".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> feed(decoder, "x".repeat(200).getBytes(StandardCharsets.UTF_8)))
        .hasMessage("an item of the body is larger than the limit of 100 bytes");
  }

  @Test
  void decodesOneObject() {
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forObject(TREES, 1000, TREES::readValue);
    List<JsonNode> items =
        new ArrayList<>(
            feed(decoder, "{\"id\": 7, \"tags\": [\"a\"]}".getBytes(StandardCharsets.UTF_8)));
    items.addAll(decoder.end());

    assertThat(items).hasSize(1);
    assertThat(items.get(0).path("id").asLong()).isEqualTo(7);
  }

  @Test
  void oneObjectSplitAnywhereIsReadOnceAndWhatFollowsItIsChecked() {
    byte[] body = MAPPER.writeValueAsBytes(expected.get(3));
    for (int split = 0; split <= body.length; split++) {
      JsonItemDecoder<JsonNode> decoder =
          JsonItemDecoder.forObject(TREES, 1 << 20, TREES::readValue);
      List<JsonNode> items = new ArrayList<>(feed(decoder, Arrays.copyOfRange(body, 0, split)));
      items.addAll(feed(decoder, Arrays.copyOfRange(body, split, body.length)));
      items.addAll(feed(decoder, " \n".getBytes(StandardCharsets.UTF_8)));
      items.addAll(decoder.end());

      assertThat(items).as("split at %d", split).containsExactly(expected.get(3));
    }
    assertThatThrownBy(() -> decodeObject("{\"a\": 1} {}"))
        .hasMessage("the body has more after its JSON object");
    assertThatThrownBy(() -> decodeObject("[{\"a\": 1}]"))
        .hasMessage("expected a JSON object, found an array");
    assertThatThrownBy(() -> decodeObject("  ")).hasMessage("the body is empty: expected JSON");
    assertThatThrownBy(() -> decodeObject("{\"a\": [1, 2"))
        .hasMessage("the body ended before its JSON was complete (11 bytes)");
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forObject(TREES, 1000, TREES::readValue);
    assertThat(feed(decoder, "{\"a\": 1}".getBytes(StandardCharsets.UTF_8))).hasSize(1);
    assertThatThrownBy(() -> feed(decoder, " {}".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("the body has more after its JSON object");
  }

  private static List<JsonNode> decodeObject(String json) {
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forObject(TREES, 1000, TREES::readValue);
    List<JsonNode> items = new ArrayList<>(feed(decoder, json.getBytes(StandardCharsets.UTF_8)));
    items.addAll(decoder.end());
    return items;
  }

  private static List<JsonNode> decodeAll(String json) {
    JsonItemDecoder<JsonNode> decoder = JsonItemDecoder.forArray(TREES, 1000, TREES::readValue);
    List<JsonNode> items = new ArrayList<>(feed(decoder, json.getBytes(StandardCharsets.UTF_8)));
    items.addAll(decoder.end());
    return items;
  }

  private static <T> List<T> feed(JsonItemDecoder<T> decoder, byte[] bytes) {
    ByteBuf chunk = Unpooled.wrappedBuffer(bytes);
    try {
      return decoder.feed(chunk);
    } finally {
      chunk.release();
    }
  }
}
