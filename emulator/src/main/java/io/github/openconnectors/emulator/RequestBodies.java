package io.github.openconnectors.emulator;

import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;

/** Reads request bodies up to a bound, so that no body exhausts the emulator's memory. */
final class RequestBodies {

  private RequestBodies() {}

  /**
   * A request's body, read up to {@code limit} bytes. A larger one is refused by its Content-Length
   * before it is read, or as soon as it passes the limit, so that no body exhausts memory.
   */
  static Mono<byte[]> read(HttpServerRequest request, int limit) {
    long declared = request.requestHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
    if (declared > limit) {
      return Mono.error(new BodyTooLarge());
    }
    return request
        .receive()
        .asByteArray()
        .collect(
            ByteArrayOutputStream::new,
            (body, chunk) -> {
              if (body.size() + chunk.length > limit) {
                throw new BodyTooLarge();
              }
              body.write(chunk, 0, chunk.length);
            })
        .map(ByteArrayOutputStream::toByteArray);
  }

  /** A body above its limit. */
  static final class BodyTooLarge extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BodyTooLarge() {
      super("body too large", null, false, false);
    }
  }
}
