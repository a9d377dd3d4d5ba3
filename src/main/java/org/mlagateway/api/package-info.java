/**
 * The internal REST API for domestic systems and translators: bearer authentication, roles, ownership
 * checks, RFC 9457 problems, OpenAPI.
 *
 * <p>Entry type: {@link org.mlagateway.api.InternalApi}.
 *
 * <p>May use {@code store}, {@code routing}, {@code exchange}, {@code transport}, {@code message}, {@code
 * config}, {@code error}.
 */
package org.mlagateway.api;
