package io.github.openconnectors.emulator;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link OpenConnectorsEmulator} per test class, injects it into any test, lifecycle
 * method or constructor parameter of that type, and closes it after the class. Nested classes share
 * their outer class's emulator.
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
 * <p>It needs only the JUnit Jupiter API (5 or 6), which the user's build supplies.
 */
public final class OpenConnectorsEmulatorExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OpenConnectorsEmulatorExtension.class);
  private static final String EMULATOR = "emulator";
  private static final String OWNER = "owner";

  private final UnaryOperator<OpenConnectorsEmulator.Builder> configuration;

  /** An extension that starts an emulator with the builder's defaults: for {@code @ExtendWith}. */
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
   * @param configuration adjusts the builder, such as {@code builder -> builder.instances(500)}
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
    store.put(EMULATOR, configuration.apply(OpenConnectorsEmulator.builder()).start());
    store.put(OWNER, context.getUniqueId());
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
