package io.github.openconnectors.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.reactive.RedisReactiveCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * One Lua script of this module, read from its {@code .lua} resource beside this class and sent by
 * its digest ({@code EVALSHA}); a Redis that does not know it yet (a new or restarted one, or one
 * whose script cache was flushed) gets its text once ({@code EVAL}, which also caches it), as
 * Spring Data Redis's {@code ScriptUtils} and Redisson do.
 */
final class RedisScript {

  private final String name;
  private final String text;
  private final String sha1;
  private final ScriptOutputType output;

  private RedisScript(String name, String text, ScriptOutputType output) {
    this.name = name;
    this.text = text;
    this.sha1 = sha1(text);
    this.output = output;
  }

  /**
   * Reads a script; where blocking is allowed, as it reads a resource (a cache's or budget's
   * construction).
   */
  static RedisScript load(String resource, ScriptOutputType output) {
    try (InputStream in = RedisScript.class.getResourceAsStream(resource)) {
      Objects.requireNonNull(in, () -> "no script " + resource + " beside " + RedisScript.class);
      return new RedisScript(
          resource, new String(in.readAllBytes(), StandardCharsets.UTF_8), output);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the script " + resource, e);
    }
  }

  /** Runs the script: by its digest, and by its text only when Redis does not know the digest. */
  <T> Mono<T> run(RedisReactiveCommands<String, String> redis, String[] keys, String... args) {
    return redis
        .<T>evalsha(sha1, output, keys, args)
        .onErrorResume(
            RedisNoScriptException.class, unknown -> redis.<T>eval(text, output, keys, args))
        .next();
  }

  /** The digest Redis knows the script by. */
  String sha1() {
    return sha1;
  }

  private static String sha1(String script) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
  }

  @Override
  public String toString() {
    return "RedisScript[" + name + ", sha1=" + sha1 + "]";
  }
}
