package org.mlagateway.transport;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Decides from a request's headers alone, before one byte of its body is read, whether the
 * listener refuses it: the internal listener checks the API's bearer token here, so that a 60 MB
 * body without a valid token is answered 401 unread.
 */
@FunctionalInterface
public interface HeaderGate {
    /** Lets every request through to the endpoint (which authenticates from the body). */
    HeaderGate OPEN = (request, servant, remote) -> Optional.empty();

    /**
     * The answer refusing {@code request}, or empty to read it. {@code servant} is the context path
     * of the endpoint that would serve it (e.g. {@code /api/v1}), or null when none would.
     */
    Optional<FullHttpResponse> check(HttpRequest request, String servant, SocketAddress remote);
}
