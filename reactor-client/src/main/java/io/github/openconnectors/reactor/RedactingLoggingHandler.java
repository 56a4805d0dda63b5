package io.github.openconnectors.reactor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reactor Netty's wiretap made safe: it takes the place of the wiretap's handler when a user turns
 * the wiretap on. It logs the request and status lines and the headers, with the value of every
 * {@code Authorization} header replaced, and never a body: bodies carry instance tokens and
 * secrets, and a value split across two reads could not be redacted reliably.
 */
final class RedactingLoggingHandler extends LoggingHandler {

  private static final Pattern AUTHORIZATION = Pattern.compile("(?im)^(authorization:)[^\\r\\n]*");
  private static final Pattern HEAD_START =
      Pattern.compile("^(HTTP/\\d|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) )");

  RedactingLoggingHandler(String category, LogLevel level) {
    super(category, level);
  }

  @Override
  protected String format(ChannelHandlerContext ctx, String eventName, Object arg) {
    ByteBuf content =
        arg instanceof ByteBuf buf
            ? buf
            : arg instanceof ByteBufHolder holder ? holder.content() : null;
    if (content == null) {
      return super.format(ctx, eventName, arg);
    }
    return ctx.channel()
        + " "
        + eventName
        + ": "
        + content.readableBytes()
        + "B"
        + describe(content);
  }

  private static String describe(ByteBuf content) {
    int length = content.readableBytes();
    String text = content.toString(content.readerIndex(), length, StandardCharsets.ISO_8859_1);
    if (!HEAD_START.matcher(text).lookingAt()) {
      return length == 0 ? "" : " (body, not logged)";
    }
    int end = text.indexOf("\r\n\r\n");
    String head = end < 0 ? text : text.substring(0, end);
    int body = end < 0 ? 0 : length - end - 4;
    return "\n" + redact(head) + (body > 0 ? "\n(" + body + "B of body, not logged)" : "");
  }

  static String redact(String head) {
    return AUTHORIZATION.matcher(head).replaceAll("$1 [REDACTED]");
  }
}
