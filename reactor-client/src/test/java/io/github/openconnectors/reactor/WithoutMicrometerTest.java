package io.github.openconnectors.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.File;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: a user who has none runs the client. The client and the
 * emulator are loaded here by a class loader that sees the test class path without Micrometer, and
 * list and look up through reflection.
 */
class WithoutMicrometerTest {

  @Test
  void theClientListsAndLooksUpWithoutMicrometerOnTheClassPath() throws Exception {
    List<URL> urls = new ArrayList<>();
    List<String> left = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("micrometer")) {
        left.add(entry);
      } else {
        urls.add(url(entry));
      }
    }
    assertThat(left).as("the test class path has Micrometer, to be left out").isNotEmpty();

    try (URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      assertThatExceptionOfType(ClassNotFoundException.class)
          .isThrownBy(
              () -> Class.forName("io.micrometer.observation.ObservationRegistry", false, loader));

      Class<?> emulatorType =
          loader.loadClass("io.github.openconnectors.emulator.OpenConnectorsEmulator");
      Object emulatorBuilder = emulatorType.getMethod("builder").invoke(null);
      emulatorBuilder =
          emulatorBuilder.getClass().getMethod("instances", long.class).invoke(emulatorBuilder, 7L);
      Object emulator = emulatorBuilder.getClass().getMethod("start").invoke(emulatorBuilder);
      try {
        Class<?> clientType =
            loader.loadClass("io.github.openconnectors.reactor.OpenConnectorsClient");
        Class<?> credentialsType = loader.loadClass("io.github.openconnectors.core.Credentials");
        Object builder = clientType.getMethod("builder").invoke(null);
        Class<?> builderType = builder.getClass();
        builderType
            .getMethod("baseUrl", String.class)
            .invoke(builder, emulatorType.getMethod("baseUrl").invoke(emulator));
        builderType
            .getMethod("credentials", credentialsType)
            .invoke(builder, emulatorType.getMethod("platformCredentials").invoke(emulator));
        Object client = builderType.getMethod("build").invoke(builder);
        try {
          Object count = clientType.getMethod("instances").invoke(client);
          count = count.getClass().getMethod("count").invoke(count);
          Method block = count.getClass().getMethod("block", Duration.class);
          assertThat(block.invoke(count, Duration.ofSeconds(10))).isEqualTo(7L);

          long first = (long) emulatorType.getMethod("firstGeneratedId").invoke(emulator);
          Object lookup = clientType.getMethod("instance", long.class).invoke(client, first);
          Object instance =
              lookup
                  .getClass()
                  .getMethod("block", Duration.class)
                  .invoke(lookup, Duration.ofSeconds(10));
          assertThat(instance.getClass().getMethod("id").invoke(instance)).isEqualTo(first);
        } finally {
          ((AutoCloseable) client).close();
        }
      } finally {
        ((AutoCloseable) emulator).close();
      }
    }
  }

  private static URL url(String entry) {
    try {
      return Path.of(entry).toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
