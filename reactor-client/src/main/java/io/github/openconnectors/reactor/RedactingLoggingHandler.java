package io.github.openconnectors.reactor;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.logging.LogLevel;
import io.netty.handler.logging.LoggingHandler;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reactor Netty's wiretap, with the value of every {@code Authorization} header replaced: it takes
 * the place of the wiretap's handler when a user turns the wiretap on.
 */
final class RedactingLoggingHandler extends LoggingHandler {

  private static final Pattern AUTHORIZATION = Pattern.compile("(?im)^(authorization:)[^\\r\\n]*");

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
    String text =
        content.toString(content.readerIndex(), content.readableBytes(), StandardCharsets.UTF_8);
    return ctx.channel() + " " + eventName + ": " + content.readableBytes() + "B\n" + redact(text);
  }

  static String redact(String text) {
    return AUTHORIZATION.matcher(text).replaceAll("$1 [REDACTED]");
  }
}
