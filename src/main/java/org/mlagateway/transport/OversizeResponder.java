package org.mlagateway.transport;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.net.SocketAddress;

/**
 * What a listener answers to a request whose body exceeds its limit, decided before the body is
 * read when the request declares its length. The exchange listener answers with a
 * {@code MessageTooLarge} SOAP fault and logs the rejection.
 */
@FunctionalInterface
public interface OversizeResponder {
    FullHttpResponse respond(HttpRequest request, SocketAddress remote);
}
