/**
 * Credentials for SAP Open Connectors as immutable values, the {@code Authorization} header that
 * carries them, and the signatures of the service's event notifications.
 *
 * <p>The four secrets ({@link io.github.openconnectors.core.UserSecret}, {@link
 * io.github.openconnectors.core.OrganizationSecret}, {@link
 * io.github.openconnectors.core.InstanceToken}, {@link io.github.openconnectors.core.BearerToken})
 * are validated when made and never print their value. {@link
 * io.github.openconnectors.core.Credentials} groups them and composes, once, the header value each
 * {@link io.github.openconnectors.core.ApiKind} of request needs; {@link
 * io.github.openconnectors.core.AuthorizationHeader} parses a header value back into its parts.
 *
 * <p>The service also calls back: {@link io.github.openconnectors.core.WebhookSignature} signs and
 * verifies its event notifications with an instance's {@link
 * io.github.openconnectors.core.EventSignatureKey}, a secret held as the others are.
 *
 * <p>Nothing in this package performs I/O or depends on a library at run time.
 */
@NullMarked
package io.github.openconnectors.core;

import org.jspecify.annotations.NullMarked;
