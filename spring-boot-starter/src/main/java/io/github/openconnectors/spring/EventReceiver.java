package io.github.openconnectors.spring;

import io.github.openconnectors.core.EventSignatureKey;
import io.github.openconnectors.core.WebhookSignature;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives the service's event notifications: verifies each body's signature on its raw bytes
 * before reading it, drops a redelivery of an id already handled, bounds how many the application
 * handles at once, and answers the service by the outcome, so that what was not taken is delivered
 * again. Each outcome is reported by name.
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><th>outcome</th><th>answer</th></tr>
 *   <tr><td>{@code accepted}: verified, handled</td><td>200</td></tr>
 *   <tr><td>{@code duplicate}: an id already handled</td><td>200, not handled again</td></tr>
 *   <tr><td>{@code refused}: no signature, or a wrong one</td><td>401, empty</td></tr>
 *   <tr><td>{@code too-large}: above the size limit</td><td>413</td></tr>
 *   <tr><td>{@code busy}: too many in hand, or this id still in hand</td><td>503, Retry-After</td></tr>
 *   <tr><td>{@code malformed}: verified, but not JSON</td><td>400</td></tr>
 *   <tr><td>{@code failed}: the handler failed</td><td>500</td></tr>
 * </table>
 */
final class EventReceiver implements HandlerFunction<ServerResponse> {

  private static final Log LOG = LogFactory.getLog(EventReceiver.class);
  // What a delivery id may look like in a log line: anything else is not quoted.
  private static final Pattern LOGGABLE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String path;
  private final List<EventSignatureKey> keys;
  private final OpenConnectorsEventHandler handler;
  private final int maxBodySize;
  private final int maxInFlight;
  private final Duration busyRetryAfter;
  private final DeliveryObserver observer;
  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Set<String> inHand = ConcurrentHashMap.newKeySet();
  private final Set<String> handled;

  EventReceiver(
      String path,
      List<EventSignatureKey> keys,
      OpenConnectorsEventHandler handler,
      int maxBodySize,
      int maxInFlight,
      int rememberedIds,
      Duration busyRetryAfter,
      DeliveryObserver observer) {
    this.path = path;
    this.keys = List.copyOf(keys);
    this.handler = handler;
    this.maxBodySize = maxBodySize;
    this.maxInFlight = maxInFlight;
    this.busyRetryAfter = busyRetryAfter;
    this.observer = observer;
    this.handled =
        Collections.synchronizedSet(
            Collections.newSetFromMap(
                new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
                  private static final long serialVersionUID = 1L;

                  @Override
                  protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > rememberedIds;
                  }
                }));
  }

  @Override
  public Mono<ServerResponse> handle(ServerRequest request) {
    return Mono.defer(
        () -> {
          Observed delivery = new Observed(observer.start());
          if (request.headers().contentLength().orElse(-1) > maxBodySize) {
            return delivery.answer("too-large", HttpStatus.CONTENT_TOO_LARGE);
          }
          return DataBufferUtils.join(request.bodyToFlux(DataBuffer.class), maxBodySize)
              .map(EventReceiver::bytes)
              .defaultIfEmpty(new byte[0])
              .flatMap(body -> received(request, body, delivery))
              .onErrorResume(
                  DataBufferLimitException.class,
                  tooLarge -> delivery.answer("too-large", HttpStatus.CONTENT_TOO_LARGE))
              // The service went away before its answer: ended all the same.
              .doOnCancel(() -> delivery.end("cancelled"));
        });
  }

  private Mono<ServerResponse> received(ServerRequest request, byte[] body, Observed delivery) {
    String id = request.headers().firstHeader(WebhookSignature.ID_HEADER);
    String signature = request.headers().firstHeader(WebhookSignature.HEADER);
    if (!genuine(body, signature)) {
      LOG.warn(
          "Refused an event delivery to "
              + path
              + ": its signature is "
              + (signature == null ? "missing" : "wrong")
              + " (Elements-Webhook-Id "
              + loggable(id)
              + ")");
      return delivery.answer("refused", HttpStatus.UNAUTHORIZED);
    }
    if (id != null && handled.contains(id)) {
      return delivery.answer("duplicate", HttpStatus.OK);
    }
    if (id != null && !inHand.add(id)) {
      // The same delivery is still being handled: it may yet fail, so it is not taken as done.
      return busy(delivery);
    }
    if (inFlight.incrementAndGet() > maxInFlight) {
      release(id);
      return busy(delivery);
    }
    JsonNode tree;
    try {
      tree = json.readTree(body);
    } catch (JacksonException notJson) {
      release(id);
      LOG.warn("An event delivery to " + path + " is signed but not JSON; answered 400");
      return delivery.answer("malformed", HttpStatus.BAD_REQUEST);
    }
    WebhookEvent event = new WebhookEvent(id == null ? "" : id, body, tree);
    return Mono.defer(() -> handler.handle(event))
        .then(
            Mono.fromRunnable(
                () -> {
                  if (id != null) {
                    handled.add(id);
                  }
                }))
        .then(Mono.defer(() -> delivery.answer("accepted", HttpStatus.OK)))
        .onErrorResume(
            failure -> {
              LOG.warn(
                  "The application's handler failed on event delivery "
                      + loggable(id)
                      + " ("
                      + failure.getClass().getSimpleName()
                      + "): answered 500, so that the service delivers it again");
              return delivery.answer("failed", HttpStatus.INTERNAL_SERVER_ERROR);
            })
        .doFinally(signal -> release(id));
  }

  private boolean genuine(byte[] body, @Nullable String signature) {
    boolean genuine = false;
    for (EventSignatureKey key : keys) {
      // Every key is tried, so that the time taken does not say which one matched.
      genuine |= WebhookSignature.verify(key, body, signature);
    }
    return genuine;
  }

  private void release(@Nullable String id) {
    inFlight.decrementAndGet();
    if (id != null) {
      inHand.remove(id);
    }
  }

  private Mono<ServerResponse> busy(Observed delivery) {
    return delivery.answer(
        "busy",
        HttpStatus.SERVICE_UNAVAILABLE,
        Long.toString(Math.max(1, busyRetryAfter.toSeconds())));
  }

  /** One delivery's observation, ended once, with its outcome, when it is answered. */
  private static final class Observed {
    private final Consumer<String> ending;
    private final AtomicBoolean ended = new AtomicBoolean();

    Observed(Consumer<String> ending) {
      this.ending = ending;
    }

    void end(String outcome) {
      if (ended.compareAndSet(false, true)) {
        ending.accept(outcome);
      }
    }

    Mono<ServerResponse> answer(String outcome, HttpStatus status) {
      end(outcome);
      return ServerResponse.status(status).build();
    }

    Mono<ServerResponse> answer(String outcome, HttpStatus status, String retryAfter) {
      end(outcome);
      return ServerResponse.status(status).header("Retry-After", retryAfter).build();
    }
  }

  private static byte[] bytes(DataBuffer buffer) {
    try {
      byte[] bytes = new byte[buffer.readableByteCount()];
      buffer.read(bytes);
      return bytes;
    } finally {
      DataBufferUtils.release(buffer);
    }
  }

  private static String loggable(@Nullable String id) {
    if (id == null) {
      return "missing";
    }
    return LOGGABLE_ID.matcher(id).matches() ? id : "malformed";
  }
}
