/**
 * A local SAP Open Connectors server for tests, demos and benchmarks.
 *
 * <p>{@link io.github.openconnectors.emulator.OpenConnectorsEmulator} serves the platform and
 * connector APIs over real HTTP on loopback, with fault injection ({@link
 * io.github.openconnectors.emulator.Fault}) and a request journal ({@link
 * io.github.openconnectors.emulator.RecordedRequest}); {@link
 * io.github.openconnectors.emulator.OpenConnectorsEmulatorExtension} starts one per JUnit test
 * class. Instances with event notifications on get their connector writes as events, listed by the
 * events API and POSTed, signed, to their callback URL ({@link
 * io.github.openconnectors.emulator.Delivery}, {@link
 * io.github.openconnectors.emulator.DeliveryFault}).
 */
@NullMarked
package io.github.openconnectors.emulator;

import org.jspecify.annotations.NullMarked;
