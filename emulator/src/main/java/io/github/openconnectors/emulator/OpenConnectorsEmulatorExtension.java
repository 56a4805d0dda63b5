package io.github.openconnectors.emulator;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link OpenConnectorsEmulator} per test class, injects it into any test, lifecycle
 * method or constructor parameter of that type, and closes it after the class. Nested classes share
 * their outer class's emulator. It serves {@value #DEFAULT_INSTANCES} generated instances unless
 * configured otherwise ({@code builder -> builder.instances(0)} for none).
 *
 * <pre>{@code
 * @ExtendWith(OpenConnectorsEmulatorExtension.class)
 * class MyServiceTest {
 *   @Test
 *   void listsInstances(OpenConnectorsEmulator emulator) { ... }
 * }
 *
 * class ConfiguredTest {
 *   @RegisterExtension
 *   static OpenConnectorsEmulatorExtension emulator =
 *       OpenConnectorsEmulatorExtension.configured(builder -> builder.instances(500));
 * }
 * }</pre>
 *
 * <p>In a Spring test, register it on a static field and hand its emulator to the application's
 * properties with {@link #properties(BiConsumer)}; the emulator starts when Spring first reads
 * them, before the application context, and closes after the class:
 *
 * <pre>{@code
 * @SpringBootTest
 * class InstancesEndpointTest {
 *   @RegisterExtension
 *   static final OpenConnectorsEmulatorExtension EMULATOR = new OpenConnectorsEmulatorExtension();
 *
 *   @DynamicPropertySource
 *   static void openConnectors(DynamicPropertyRegistry registry) {
 *     EMULATOR.properties(registry::add);  // base-url, user-secret, organization-secret
 *   }
 * }
 * }</pre>
 *
 * <p>It needs only the JUnit Jupiter API (5 or 6), which the user's build supplies.
 */
public final class OpenConnectorsEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OpenConnectorsEmulatorExtension.class);
  private static final String EMULATOR = "emulator";
  private static final String OWNER = "owner";

  /** How many instances the extension's emulator serves unless configured otherwise. */
  public static final int DEFAULT_INSTANCES = 25;

  private final UnaryOperator<OpenConnectorsEmulator.Builder> configuration;
  // The emulator this instance started, when registered on a field: reachable before the class's
  // callbacks run (a Spring test reads its properties first), closed after the class.
  private final AtomicReference<@Nullable OpenConnectorsEmulator> ownEmulator =
      new AtomicReference<>();

  /**
   * An extension that starts an emulator with the builder's defaults and {@value
   * #DEFAULT_INSTANCES} instances: for {@code @ExtendWith}, or a field.
   */
  public OpenConnectorsEmulatorExtension() {
    this(UnaryOperator.identity());
  }

  private OpenConnectorsEmulatorExtension(
      UnaryOperator<OpenConnectorsEmulator.Builder> configuration) {
    this.configuration = configuration;
  }

  /**
   * An extension whose emulator is configured first: for {@code @RegisterExtension}.
   *
   * @param configuration adjusts the builder, which has {@value #DEFAULT_INSTANCES} instances
   *     already, such as {@code builder -> builder.instances(500)}
   * @return the extension
   */
  public static OpenConnectorsEmulatorExtension configured(
      UnaryOperator<OpenConnectorsEmulator.Builder> configuration) {
    return new OpenConnectorsEmulatorExtension(
        Objects.requireNonNull(configuration, "configuration"));
  }

  /**
   * Starts the class's emulator, unless an enclosing class already has one.
   *
   * @param context the class's context
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (store.get(EMULATOR, OpenConnectorsEmulator.class) != null) {
      return;
    }
    store.put(EMULATOR, emulator());
    store.put(OWNER, context.getUniqueId());
  }

  /**
   * This extension's emulator, started now if it is not running yet: for code that runs before the
   * class's callbacks, such as a {@code @DynamicPropertySource} method. Closed after the class.
   *
   * @return the running emulator
   */
  public OpenConnectorsEmulator emulator() {
    OpenConnectorsEmulator running = ownEmulator.get();
    if (running != null) {
      return running;
    }
    synchronized (ownEmulator) {
      running = ownEmulator.get();
      if (running == null) {
        running =
            configuration
                .apply(OpenConnectorsEmulator.builder().instances(DEFAULT_INSTANCES))
                .start();
        ownEmulator.set(running);
      }
      return running;
    }
  }

  /**
   * Gives the emulator's address and secrets as the Spring Boot starter's properties: {@code
   * openconnectors.base-url}, {@code openconnectors.user-secret} and {@code
   * openconnectors.organization-secret}. Each value is read when asked for, so the emulator starts
   * then; a rotated secret is read as it is now.
   *
   * @param registry takes a property's name and its value's supplier, as Spring's {@code
   *     DynamicPropertyRegistry::add} does
   */
  public void properties(BiConsumer<String, Supplier<Object>> registry) {
    Objects.requireNonNull(registry, "registry");
    registry.accept("openconnectors.base-url", () -> emulator().baseUrl());
    registry.accept("openconnectors.user-secret", () -> emulator().userSecret().reveal());
    registry.accept(
        "openconnectors.organization-secret", () -> emulator().organizationSecret().reveal());
  }

  /**
   * Closes the emulator this class started.
   *
   * @param context the class's context
   */
  @Override
  public void afterAll(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (context.getUniqueId().equals(store.get(OWNER, String.class))) {
      OpenConnectorsEmulator emulator = store.remove(EMULATOR, OpenConnectorsEmulator.class);
      store.remove(OWNER);
      if (emulator != null) {
        ownEmulator.compareAndSet(emulator, null);
        emulator.close();
      }
    }
  }

  /**
   * Whether the parameter is an {@link OpenConnectorsEmulator}.
   *
   * @param parameter the parameter
   * @param context the context
   * @return true for {@link OpenConnectorsEmulator} parameters
   */
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OpenConnectorsEmulator.class;
  }

  /**
   * The class's emulator.
   *
   * @param parameter the parameter
   * @param context the context
   * @return the running emulator
   */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    OpenConnectorsEmulator emulator =
        context.getStore(NAMESPACE).get(EMULATOR, OpenConnectorsEmulator.class);
    if (emulator == null) {
      throw new org.junit.jupiter.api.extension.ParameterResolutionException(
          "no emulator is running: OpenConnectorsEmulatorExtension starts one per test class,"
              + " so register it on the class, not on a method");
    }
    return emulator;
  }
}
