package org.mlagateway.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.exchange.transport.HeaderGate;

/**
 * The internal listener's header gate: no request body is read before the caller is known. A
 * request with a body to the API ({@link InternalApi#BASE}) needs a valid bearer token in its
 * headers, or it is answered 401 unread; a body anywhere else on the listener (the operator pages'
 * forms, probes) may be at most {@link #MAX_OPEN_BODY_BYTES} and must declare its length, or it is
 * answered 413 unread. Requests without a body pass, to be authenticated as before.
 */
public final class ApiHeaderGate implements HeaderGate {
    /** The largest body read from a caller that has not shown a bearer token: a login or an operator's form. */
    public static final int MAX_OPEN_BODY_BYTES = 64 * 1024;

    private final List<ApiClientConfig> clients;

    public ApiHeaderGate(List<ApiClientConfig> clients) {
        this.clients = List.copyOf(clients);
    }

    @Override
    public Optional<FullHttpResponse> check(HttpRequest request, String servant, SocketAddress remote) {
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        long length = HttpUtil.getContentLength(request, 0L);
        if (!chunked && length == 0) {
            return Optional.empty();
        }
        if (InternalApi.BASE.equals(servant)) {
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            boolean known = clients.stream().anyMatch(client -> BearerTokens.presents(authorization, client));
            return known ? Optional.empty() : Optional.of(ListenerProblems.problem(ErrorCode.UNAUTHENTICATED,
                    BearerTokens.isBearer(authorization) ? "unknown bearer token" : "no bearer token"));
        }
        if (chunked || length > MAX_OPEN_BODY_BYTES) {
            return Optional.of(ListenerProblems.problem(ErrorCode.MESSAGE_TOO_LARGE,
                    "a body without a bearer token must declare its length, at most " + MAX_OPEN_BODY_BYTES + " bytes"));
        }
        return Optional.empty();
    }
}
