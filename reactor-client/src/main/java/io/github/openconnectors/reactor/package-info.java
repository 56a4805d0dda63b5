/**
 * A non-blocking client for SAP Open Connectors on Project Reactor, Reactor Netty and Jackson 3.
 *
 * <p>Start with {@link io.github.openconnectors.reactor.OpenConnectorsClient#builder()}: the client
 * lists and looks up instances ({@link io.github.openconnectors.reactor.Instance}, {@link
 * io.github.openconnectors.reactor.Page}, {@link io.github.openconnectors.reactor.InstanceQuery})
 * and hands out a {@link io.github.openconnectors.reactor.ConnectorClient} per instance for the
 * connector API; its failures are {@link
 * io.github.openconnectors.reactor.OpenConnectorsException}s. Beside them: the credential providers
 * ({@link io.github.openconnectors.reactor.CredentialsProvider}, {@link
 * io.github.openconnectors.reactor.CachingCredentialsProvider}) and observation ({@link
 * io.github.openconnectors.reactor.MicrometerObservability}), which share package-private parts
 * with the client and so live here. What a fleet of replicas shares is an SPI of its own, {@link
 * io.github.openconnectors.reactor.fleet}.
 *
 * <p>Inside, a request goes one way: the client, paging (a listing made with its requests and first
 * URI), the requests (credentials, retries, pacing), the transport (Reactor Netty's pool);
 * CONTRIBUTING.md maps the classes.
 */
@NullMarked
package io.github.openconnectors.reactor;

import org.jspecify.annotations.NullMarked;
