/**
 * The Netty/CXF listener engine shared by the partner listener and the internal listener: TLS, exact paths,
 * size, connection, time and bytes-in-flight limits.
 *
 * <p>Entry type: {@link org.mlagateway.transport.ListenerEngineFactory}.
 *
 * <p>May use {@code config}, {@code error}.
 */
package org.mlagateway.transport;
