package io.github.openconnectors.examples.webflux;

import io.github.openconnectors.reactor.AuthenticationException;
import io.github.openconnectors.reactor.ForbiddenException;
import io.github.openconnectors.reactor.NotFoundException;
import io.github.openconnectors.reactor.OpenConnectorsException;
import io.github.openconnectors.reactor.RateLimitedException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Maps the client's failures to problems ({@code application/problem+json}, RFC 9457).
 *
 * <ul>
 *   <li>404 from the service: 404, the caller asked for something that is not there;
 *   <li>401 or 403: 502, the service refused this application's credentials, which is this
 *       application's fault, not the caller's;
 *   <li>429: 503 with the service's {@code Retry-After};
 *   <li>anything else (5xx after retries, a malformed body, no connection): 502.
 * </ul>
 *
 * <p>The problem names the service's status and request id, for support, and never its message,
 * which is about this application's credentials or internals. The whole failure is logged; the
 * library's messages never hold a secret.
 */
@RestControllerAdvice
final class OpenConnectorsProblems {

  private static final Logger log = LoggerFactory.getLogger(OpenConnectorsProblems.class);

  @ExceptionHandler(OpenConnectorsException.class)
  Mono<ResponseEntity<ProblemDetail>> handle(
      OpenConnectorsException failure, ServerWebExchange exchange) {
    if (exchange.getResponse().isCommitted()) {
      // A listing that failed after its first line: the status has gone out, only cutting the
      // connection is left, and Spring should log this failure, not a failed attempt to answer.
      return Mono.error(failure);
    }
    ProblemDetail problem = problem(failure);
    if (problem.getStatus() >= 500) {
      log.warn("Open Connectors failed: {}", failure.getMessage());
    }
    ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
    if (failure instanceof RateLimitedException limited) {
      limited
          .retryAfter()
          .map(Duration::toSeconds)
          .ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    }
    return Mono.just(response.body(problem));
  }

  /** The problem a failure of the client maps to. */
  static ProblemDetail problem(Throwable error) {
    Throwable cause = Exceptions.unwrap(error);
    if (!(cause instanceof OpenConnectorsException failure)) {
      return ProblemDetail.forStatusAndDetail(
          HttpStatus.INTERNAL_SERVER_ERROR, "The listing failed unexpectedly");
    }
    ProblemDetail problem;
    if (failure instanceof NotFoundException) {
      problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.NOT_FOUND, "Open Connectors has no such item");
    } else if (failure instanceof AuthenticationException
        || failure instanceof ForbiddenException) {
      problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_GATEWAY, "Open Connectors refused this application's credentials");
    } else if (failure instanceof RateLimitedException) {
      problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.SERVICE_UNAVAILABLE,
              "Open Connectors is limiting this application's rate");
    } else if (failure.status() == 0) {
      problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_GATEWAY, "Open Connectors could not be reached");
    } else {
      problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.BAD_GATEWAY, "Open Connectors failed to answer");
    }
    problem.setProperty("serviceStatus", failure.status());
    failure.requestId().ifPresent(id -> problem.setProperty("serviceRequestId", id));
    return problem;
  }
}
