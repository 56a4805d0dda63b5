package io.github.openconnectors.examples.webflux;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.netty.channel.ChannelOperations;

/**
 * What a stalled stream looks like from inside, printed when a test gives up on it: the writer's
 * chain from the controller's {@code Flux} down to Reactor Netty's {@code MonoSendMany}, the server
 * connection's outbound buffer, and the test client's inbound state. Diagnostics only: reflection
 * into Spring's and Reactor Netty's internals, for the stall hunt.
 */
final class StreamProbe {

  final Queue<Channel> serverChannels = new ConcurrentLinkedQueue<>();
  final Queue<Channel> clientChannels = new ConcurrentLinkedQueue<>();
  private final AtomicReference<@Nullable Object> downstream = new AtomicReference<>();
  private final AtomicLong emitted = new AtomicLong();
  private final AtomicLong requested = new AtomicLong();
  private final Queue<String> requests = new ConcurrentLinkedQueue<>();

  /** The source, counting what it is asked and gives, and remembering who subscribes to it. */
  <T> Flux<T> watch(Flux<T> source) {
    return source
        .doOnNext(item -> emitted.incrementAndGet())
        .doOnRequest(
            n -> {
              requested.addAndGet(n);
              if (requests.size() < 20) {
                requests.add(n + " on " + Thread.currentThread().getName());
              }
            })
        .transform(
            Operators.<T, T>liftPublisher(
                (publisher, subscriber) -> {
                  downstream.set(subscriber);
                  return subscriber;
                }));
  }

  String report() {
    StringBuilder out =
        new StringBuilder("== the source gave ")
            .append(emitted.get())
            .append(" of ")
            .append(requested.get())
            .append(" asked; first requests ")
            .append(requests)
            .append("\n== the writer's chain, from the controller down\n");
    Object at = downstream.get();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    for (int depth = 0; at != null && depth < 30 && seen.put(at, true) == null; depth++) {
      out.append("  ").append(describe(at)).append('\n');
      // concatMap's arbiter of its current inner source, and that source's subscription chain.
      Object inner =
          at.getClass().getSimpleName().startsWith("ConcatMap") ? field(at, "inner") : null;
      for (int nested = 0; inner != null && nested < 6; nested++) {
        out.append("      inner ").append(describe(inner)).append('\n');
        Object next = field(inner, "subscription");
        inner = next != null ? next : field(inner, "s");
      }
      Object next = Scannable.from(at).scanUnsafe(Scannable.Attr.ACTUAL);
      if (next == null) {
        next = field(at, "writeSubscriber"); // Spring's ChannelSendOperator.WriteBarrier
      }
      if (next == null) {
        next = field(at, "actual");
      }
      at = next;
    }
    for (Channel channel : serverChannels) {
      out.append("== server ").append(channel(channel)).append('\n');
    }
    for (Channel channel : clientChannels) {
      out.append("== client ").append(channel(channel)).append('\n');
      ChannelOperations<?, ?> operations = ChannelOperations.get(channel);
      Object inbound = operations == null ? null : field(operations, "inbound");
      if (inbound != null) {
        out.append("   inbound ").append(fields(inbound)).append('\n');
        Object receiver = field(inbound, "receiver");
        for (int depth = 0; receiver != null && depth < 30; depth++) {
          out.append("     ").append(describe(receiver)).append('\n');
          Object next = Scannable.from(receiver).scanUnsafe(Scannable.Attr.ACTUAL);
          receiver = next != null ? next : field(receiver, "actual");
        }
      }
    }
    return out.toString();
  }

  private static String channel(Channel channel) {
    ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
    return channel
        + " active="
        + channel.isActive()
        + " writable="
        + channel.isWritable()
        + " autoRead="
        + channel.config().isAutoRead()
        + " pendingOut="
        + (buffer == null ? "none" : buffer.totalPendingWriteBytes() + "B/" + buffer.size())
        + " ops="
        + ChannelOperations.get(channel);
  }

  private static String describe(Object subscriber) {
    Scannable scannable = Scannable.from(subscriber);
    StringBuilder out = new StringBuilder(subscriber.getClass().getName());
    if (scannable.isScanAvailable()) {
      Map<String, Scannable.Attr<?>> attrs =
          Map.of(
              "requested", Scannable.Attr.REQUESTED_FROM_DOWNSTREAM,
              "buffered", Scannable.Attr.BUFFERED,
              "terminated", Scannable.Attr.TERMINATED,
              "cancelled", Scannable.Attr.CANCELLED);
      attrs.forEach(
          (name, attr) -> {
            Object value = scannable.scanUnsafe(attr);
            if (value != null) {
              out.append(' ').append(name).append('=').append(value);
            }
          });
    }
    out.append(" {").append(fields(subscriber)).append('}');
    return out.toString();
  }

  /** The object's primitive, boolean and state fields, as text. */
  private static String fields(Object object) {
    List<String> parts = new ArrayList<>();
    for (Class<?> type = object.getClass();
        type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Class<?> kind = field.getType();
        try {
          field.setAccessible(true);
          Object value = field.get(object);
          if (kind.isPrimitive() || kind.isEnum() || value instanceof Throwable) {
            parts.add(field.getName() + "=" + value);
          } else if (value instanceof java.util.Collection<?> collection) {
            parts.add(field.getName() + ".size=" + collection.size());
          } else if (value != null
              && (field.getName().equals("s") || field.getName().equals("subscription"))) {
            parts.add(field.getName() + "=" + value.getClass().getSimpleName());
          }
        } catch (RuntimeException | IllegalAccessException e) {
          parts.add(field.getName() + "=?");
        }
      }
    }
    return String.join(", ", parts);
  }

  private static @Nullable Object field(Object object, String name) {
    for (Class<?> type = object.getClass(); type != null; type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(object);
      } catch (NoSuchFieldException e) {
        // the superclass may declare it
      } catch (RuntimeException | IllegalAccessException e) {
        return null;
      }
    }
    return null;
  }
}
