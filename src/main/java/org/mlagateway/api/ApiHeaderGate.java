package org.mlagateway.api;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.access.Throttled;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.transport.HeaderGate;

/**
 * The internal listener's header gate: no request body is read before the caller is known. A
 * request with a body to the API ({@link InternalApi#BASE}) needs a valid bearer token in its
 * headers, or it is answered unread, as {@link BearerAuthentication} would answer it: 401, or 429
 * with {@code Retry-After} while its address is throttled; a wrong token counts as a failed
 * credential and every refusal as a denied call ({@link InternalAccess}). A body anywhere else on
 * the listener (the operator pages' forms) may be at most {@link #MAX_OPEN_BODY_BYTES} and must
 * declare its length, or it is answered 413 unread. Requests without a body pass, to be
 * authenticated by the API's own filter.
 */
public final class ApiHeaderGate implements HeaderGate {
    /** The largest body read from a caller that has not shown a bearer token: a login or an operator's form. */
    public static final int MAX_OPEN_BODY_BYTES = 64 * 1024;

    private static final String BEARER = "Bearer ";

    private final ApiClients clients;
    private final InternalAccess access;

    public ApiHeaderGate(List<ApiClientConfig> clients, InternalAccess access) {
        this.clients = new ApiClients(clients);
        this.access = access;
    }

    @Override
    public Optional<FullHttpResponse> check(HttpRequest request, String servant, SocketAddress remote) {
        boolean chunked = HttpUtil.isTransferEncodingChunked(request);
        long length = HttpUtil.getContentLength(request, 0L);
        if (!chunked && length == 0) {
            return Optional.empty();
        }
        if (InternalApi.BASE.equals(servant)) {
            return authenticate(request, address(remote));
        }
        if (chunked || length > MAX_OPEN_BODY_BYTES) {
            return Optional.of(ListenerProblems.problem(
                    ErrorCode.MESSAGE_TOO_LARGE,
                    "a body without a bearer token must declare its length, at most " + MAX_OPEN_BODY_BYTES
                            + " bytes"));
        }
        return Optional.empty();
    }

    private Optional<FullHttpResponse> authenticate(HttpRequest request, String address) {
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            return Optional.of(denied(ErrorCode.UNAUTHENTICATED, "no bearer token", request, address));
        }
        try {
            access.requireNotThrottled(null, address);
        } catch (Throttled t) {
            FullHttpResponse response = denied(t.code(), t.getMessage(), request, address);
            response.headers().set(HttpHeaderNames.RETRY_AFTER, t.retryAfterSeconds());
            return Optional.of(response);
        }
        if (clients.byToken(header.substring(BEARER.length())).isEmpty()) {
            access.credentialFailed(null, address);
            return Optional.of(denied(ErrorCode.UNAUTHENTICATED, "unknown bearer token", request, address));
        }
        return Optional.empty();
    }

    private FullHttpResponse denied(ErrorCode code, String detail, HttpRequest request, String address) {
        String path = request.uri();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        path = path.startsWith(InternalApi.BASE + "/") ? path.substring(InternalApi.BASE.length() + 1) : path;
        access.denied(InternalAccess.API_DENIED, "api", null, address, code.wireName(), path);
        return ListenerProblems.problem(code, detail);
    }

    private static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : "?";
    }
}
