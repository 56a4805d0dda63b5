package io.github.openconnectors.emulator;

import io.github.openconnectors.core.ApiKind;
import io.github.openconnectors.core.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client that is not ours: the JDK's HttpClient, for talking to the emulator in tests. */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  Http(OpenConnectorsEmulator emulator) {
    this.baseUrl = emulator.baseUrl();
  }

  HttpResponse<String> get(String pathAndQuery, String authorization) {
    return send(request(pathAndQuery).header("Authorization", authorization).GET());
  }

  HttpResponse<String> get(String pathAndQuery, Credentials credentials, ApiKind kind) {
    return get(pathAndQuery, credentials.authorizationFor(kind).value());
  }

  HttpResponse<String> getWithoutAuthorization(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  HttpResponse<String> post(String path, String body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> post(String path, String authorization, String body) {
    return send(
        request(path)
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A connector write: a method, a JSON body (or none), the instance's credentials. */
  HttpResponse<String> write(
      String method, String path, Credentials credentials, String contentType, String body) {
    return send(
        request(path)
            .header("Authorization", credentials.authorizationFor(ApiKind.CONNECTOR).value())
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(20));
  }

  static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(
          request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
