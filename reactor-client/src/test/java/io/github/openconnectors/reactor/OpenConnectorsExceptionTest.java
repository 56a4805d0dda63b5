package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenConnectorsExceptionTest {

  @ParameterizedTest(name = "{0} gives {1}")
  @CsvSource({
    "0, ConnectionException, true",
    "200, ProtocolException, false",
    "400, OpenConnectorsException, false",
    "401, AuthenticationException, false",
    "403, ForbiddenException, false",
    "404, NotFoundException, false",
    "409, ConflictException, false",
    "415, UnsupportedMediaTypeException, false",
    "429, RateLimitedException, true",
    "500, ServerException, false",
    "502, ServerException, true",
    "503, ServerException, true",
    "504, ServerException, true",
  })
  void anApplicationsTestMakesTheExceptionTheClientRaisesForAStatus(
      int status, String type, boolean transientFailure) {
    OpenConnectorsException made =
        OpenConnectorsException.create("GET", "/instances/42", status, "r-1", "why", null, null);

    assertThat(made.getClass().getSimpleName()).isEqualTo(type);
    assertThat(made.status()).isEqualTo(status);
    assertThat(made.isTransient()).isEqualTo(transientFailure);
    assertThat(RetryPolicy.isRetryable(made)).isEqualTo(transientFailure);
    assertThat(made.requestId()).hasValue("r-1");
    assertThat(made.serviceMessage()).hasValue("why");
  }

  @Test
  void itsMessageIsTheClientsOwn() {
    assertThat(
            OpenConnectorsException.create(
                "GET", "/instances/42", 404, "r-1", "No instance found", null, null))
        .hasMessage("GET /instances/42: 404 Not Found: No instance found (request r-1)");
    assertThat(
            OpenConnectorsException.create(
                "GET", "/hubs/crm/accounts", 502, null, "Provider failed", "upstream down", null))
        .hasMessage(
            "GET /hubs/crm/accounts: 502 Bad Gateway: Provider failed (provider: upstream down)")
        .extracting(OpenConnectorsException::providerMessage)
        .isEqualTo(Optional.of("upstream down"));
  }

  /** The wait a 503 asks for is exposed as a 429's is, and the retry policy waits it. */
  @Test
  void retryAfterIsExposedWhereverThePolicyHonoursIt() {
    Duration wait = Duration.ofSeconds(7);
    for (int status : new int[] {429, 503}) {
      OpenConnectorsException refused =
          OpenConnectorsException.create("GET", "/instances", status, null, null, null, wait);

      assertThat(refused.retryAfter()).as("%d", status).contains(wait);
      assertThat(RetryPolicy.defaults().delayFor(refused, 0)).as("%d", status).isEqualTo(wait);
    }
    assertThat(
            OpenConnectorsException.create("GET", "/instances", 503, null, null, null, null)
                .retryAfter())
        .isEmpty();
  }

  @Test
  void theHierarchyIsSealedSoASwitchOverItIsExhaustive() {
    assertThat(OpenConnectorsException.class.isSealed()).isTrue();
    assertThat(Arrays.stream(OpenConnectorsException.class.getPermittedSubclasses()))
        .extracting(Class::getSimpleName)
        .containsExactlyInAnyOrder(
            "AuthenticationException",
            "ConflictException",
            "ConnectionException",
            "ForbiddenException",
            "NotFoundException",
            "ProtocolException",
            "RateLimitedException",
            "ServerException",
            "UnsupportedMediaTypeException");
    assertThat(OpenConnectorsException.class.getPermittedSubclasses())
        .allSatisfy(subclass -> assertThat(Modifier.isFinal(subclass.getModifiers())).isTrue());
  }

  @Test
  void refusesAStatusNoResponseCanHave() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OpenConnectorsException.create("GET", "/x", 600, null, null, null, null))
        .withMessage("status must be from 0 to 599, was 600");
  }
}
