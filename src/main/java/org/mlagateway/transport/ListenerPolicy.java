package org.mlagateway.transport;

import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Objects;
import org.mlagateway.config.ListenerLimitsConfig;

/**
 * What one listener admits and how it answers what it refuses: its limits, the gate that reads
 * request headers, and its answers to an oversized body and to a request it cannot take now.
 * {@code name} names the listener in log lines ({@code external}, {@code internal}).
 */
public record ListenerPolicy(
        String name,
        ListenerLimitsConfig limits,
        HeaderGate gate,
        OversizeResponder oversize,
        UnavailableResponder unavailable) {
    public ListenerPolicy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(oversize, "oversize");
        Objects.requireNonNull(unavailable, "unavailable");
    }

    /** A listener without a gate that answers bare 413 and 503 (the benchmarks' baseline endpoint). */
    public static ListenerPolicy plain(String name, ListenerLimitsConfig limits) {
        return new ListenerPolicy(
                name,
                limits,
                HeaderGate.OPEN,
                (request, remote) ->
                        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE),
                (request, remote) ->
                        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE));
    }
}
