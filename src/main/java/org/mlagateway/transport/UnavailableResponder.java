package org.mlagateway.transport;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.net.SocketAddress;

/**
 * What a listener answers when it will not take a request now: over its budget of bytes in flight
 * or large requests, or a body that arrives too slowly or too late. The exchange listener answers
 * a {@code TemporarilyUnavailable} SOAP fault, the internal one an RFC 9457 problem; the listener
 * adds HTTP 503's {@code Retry-After} unless the answer has one, and closes the connection.
 */
@FunctionalInterface
public interface UnavailableResponder {
    FullHttpResponse respond(HttpRequest request, SocketAddress remote);
}
