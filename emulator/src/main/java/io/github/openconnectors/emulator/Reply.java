package io.github.openconnectors.emulator;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/** A response before it is sent: its status, its headers beyond the usual ones, its body. */
@SuppressWarnings("ArrayRecordComponent") // sent, never compared or hashed
record Reply(int status, Map<String, String> headers, byte[] body) {

  static Reply json(int status, byte[] body) {
    return new Reply(status, Map.of(), body);
  }

  /** An error with the service's error body. */
  static Reply error(String requestId, int status, String message) {
    return json(status, Json.error(requestId, message, null));
  }

  Reply with(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new Reply(status, all, body);
  }

  /** Sends a body whole, with its length. */
  static Mono<Void> sendWhole(HttpServerResponse response, byte[] body) {
    response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
    return response.sendByteArray(Mono.just(body)).then();
  }
}
