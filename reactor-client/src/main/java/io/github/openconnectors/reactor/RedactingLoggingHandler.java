package io.github.openconnectors.reactor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reactor Netty's wiretap made safe: it takes the place of the wiretap's handler when a user turns
 * the wiretap on, and sits behind the HTTP codec, so that what is a head and what is a body is
 * decided by the protocol's own state, never guessed from bytes. It logs the request and status
 * lines and the headers, with the values of credential headers replaced, and of a body only its
 * size: bodies carry instance tokens and secrets.
 */
@ChannelHandler.Sharable
final class RedactingLoggingHandler extends LoggingHandler {

  private static final Set<String> REDACTED_HEADERS =
      Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

  RedactingLoggingHandler(String category, LogLevel level) {
    super(category, level);
  }

  @Override
  protected String format(ChannelHandlerContext ctx, String eventName, Object arg) {
    ByteBuf body =
        arg instanceof ByteBuf bytes
            ? bytes
            : arg instanceof ByteBufHolder holder ? holder.content() : null;
    if (!(arg instanceof HttpMessage) && body == null) {
      return super.format(ctx, eventName, arg);
    }
    StringBuilder line = new StringBuilder().append(ctx.channel()).append(' ').append(eventName);
    if (arg instanceof HttpMessage head) {
      line.append(":\n").append(head(head));
    }
    if (body != null && body.isReadable()) {
      line.append(arg instanceof HttpMessage ? "\n(" : ": (")
          .append(body.readableBytes())
          .append("B of body, not logged)");
    } else if (arg instanceof LastHttpContent && !(arg instanceof HttpMessage)) {
      line.append(": end of body");
    }
    return line.toString();
  }

  private static String head(HttpMessage head) {
    StringBuilder text = new StringBuilder();
    if (head instanceof HttpRequest request) {
      text.append(request.method()).append(' ').append(request.uri()).append(' ');
      text.append(request.protocolVersion());
    } else if (head instanceof HttpResponse response) {
      text.append(response.protocolVersion()).append(' ').append(response.status());
    }
    for (Map.Entry<String, String> header : head.headers()) {
      String name = header.getKey();
      text.append('\n').append(name).append(": ");
      text.append(
          REDACTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))
              ? "[REDACTED]"
              : header.getValue());
    }
    return text.toString();
  }
}
