package io.github.openconnectors.reactor;

import io.netty.buffer.ByteBuf;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * This client's decoding of a listing's page, for the benchmarks: the client's own decoder and
 * instance reader, which are package-private, reached from their package as reactor-core's
 * benchmarks reach its internals. Not part of the client; the benchmarks are not published.
 */
public final class DecodingProbe {

  // As the client makes it for a listing: a reader of trees that leaves the parser after the item.
  private static final ObjectReader ITEMS =
      JsonMapper.builder()
          .build()
          .readerFor(JsonNode.class)
          .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  // The client's default largest item.
  private static final long MAX_ITEM_BYTES = 1024 * 1024;

  private DecodingProbe() {}

  /**
   * Decodes a page as a listing does: its bytes fed to the client's decoder chunk by chunk.
   *
   * @param chunks the page's body, as the network would hand it over
   * @return the sum of the instances' ids, so that no work can be left out
   */
  public static long decode(List<ByteBuf> chunks) {
    JsonItemDecoder<Instance> decoder =
        JsonItemDecoder.forArray(ITEMS, MAX_ITEM_BYTES, InstanceReader::read);
    long ids = 0;
    for (ByteBuf chunk : chunks) {
      for (Instance instance : decoder.feed(chunk.duplicate())) {
        ids += instance.id();
      }
    }
    for (Instance instance : decoder.end()) {
      ids += instance.id();
    }
    return ids;
  }

  /**
   * Reads a page's instances with the client's instance reader over one parser, without the
   * decoder's chunk handling.
   *
   * @param page the page's body
   * @return the sum of the instances' ids
   */
  public static long read(byte[] page) {
    long ids = 0;
    try (JsonParser json = ITEMS.createParser(page)) {
      json.nextToken();
      while (json.nextToken() == JsonToken.START_OBJECT) {
        ids += InstanceReader.read(json).id();
      }
    }
    return ids;
  }
}
