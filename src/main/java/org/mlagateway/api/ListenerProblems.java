package org.mlagateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlagateway.error.ErrorCode;

/**
 * The RFC 9457 problems that the internal listener answers itself, from a request's headers and
 * before any JAX-RS resource runs: the same shape, types and statuses as {@link Problems}.
 */
final class ListenerProblems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ListenerProblems() {}

    static FullHttpResponse problem(ErrorCode code, String detail) {
        int status = Problems.status(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:mla-gateway:problem:" + code.wireName());
        body.put("title", code.reason());
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code.wireName());
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE);
        if (status == 401) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"mla-gateway\"");
        }
        return response;
    }
}
