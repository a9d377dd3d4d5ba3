package org.mlagateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.cxf.transport.HttpUriMapper;
import org.apache.cxf.transport.http.netty.server.NettyHttpContextHandler;
import org.apache.cxf.transport.http.netty.server.NettyHttpHandler;
import org.junit.jupiter.api.AfterEach;
import org.mlagateway.config.ListenerLimitsConfig;
import org.junit.jupiter.api.Test;

/**
 * The listener pipeline in an {@link EmbeddedChannel}: raw HTTP/1.1 bytes in, raw bytes out, with
 * the pipeline's own decoder, aggregator, routing and servlet handler, and no socket. Each servant
 * is a CXF handler that answers with the path it serves, so the answer says who was routed to.
 */
class ListenerPipelineTest {
    private static final int MAX_BODY = 1024;

    private final List<String> served = new CopyOnWriteArrayList<>();
    private final List<String> oversized = new CopyOnWriteArrayList<>();
    private EmbeddedChannel channel;

    @AfterEach
    void close() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /** Answers 200 with the path it was published at, and records that it was called. */
    private final class NamingServant extends NettyHttpHandler {
        private final String path;

        NamingServant(String path) {
            super(null, true);
            this.path = path;
        }

        @Override
        public void handle(String target, HttpServletRequest request, HttpServletResponse response) throws IOException {
            served.add(path);
            response.setContentType("text/plain");
            response.getWriter().write("served " + path);
        }
    }

    /** The exchange listener's contract in miniature: a 413 whose body names the limit. */
    private FullHttpResponse tooLarge(HttpRequest request, SocketAddress remote) {
        oversized.add(request.uri());
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.copiedBuffer("over " + MAX_BODY + " bytes", StandardCharsets.UTF_8));
    }

    /** A channel running the pipeline of a plain-HTTP listener serving {@code paths}. */
    private EmbeddedChannel listener(boolean exactPaths, String... paths) {
        Map<String, NettyHttpContextHandler> servants = new ConcurrentHashMap<>();
        for (String path : paths) {
            // As ListenerEngine.addServant publishes an endpoint.
            NettyHttpContextHandler context = new NettyHttpContextHandler(HttpUriMapper.getContextName(path));
            context.addNettyHttpHandler(new NamingServant(path));
            servants.put(ListenerPipeline.pathOf(path), context);
        }
        // The engine is only read for its settings here; it is never started and binds nothing.
        ListenerPolicy policy = new ListenerPolicy("test", ListenerLimitsConfig.defaults(), HeaderGate.OPEN,
                this::tooLarge, (request, remote) -> new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.SERVICE_UNAVAILABLE));
        ListenerEngine engine = new ListenerEngine("127.0.0.1", 0, null, MAX_BODY, exactPaths, 1, policy);
        channel = new EmbeddedChannel(new ListenerPipeline(null, MAX_BODY, servants, engine, null, exactPaths,
                policy));
        return channel;
    }

    private static FullHttpResponse exchange(EmbeddedChannel channel, String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            client.writeInbound(out);
        }
        FullHttpResponse response = client.readInbound();
        client.finishAndReleaseAll();
        if (response == null) {
            throw new AssertionError("no answer to " + request.lines().findFirst().orElse(request));
        }
        return response;
    }

    private static String get(String uri) {
        return "GET " + uri + " HTTP/1.1\r\nHost: gateway\r\n\r\n";
    }

    private static String body(FullHttpResponse response) {
        try {
            return response.content().toString(StandardCharsets.UTF_8);
        } finally {
            response.release();
        }
    }

    private static void assertNotFound(FullHttpResponse response, String what) {
        assertEquals(HttpResponseStatus.NOT_FOUND, response.status(), what);
        assertEquals("text/plain; charset=UTF-8", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("Not Found\r\n", body(response), what);
    }

    @Test
    void exactPath_isRouted_withOrWithoutQueryOrTrailingSlash() {
        EmbeddedChannel ch = listener(true, "/exchange/v1", "/exchange/v1/health");
        for (String uri : List.of("/exchange/v1", "/exchange/v1?wsdl", "/exchange/v1/")) {
            FullHttpResponse r = exchange(ch, get(uri));
            assertEquals(HttpResponseStatus.OK, r.status(), uri);
            assertEquals("served /exchange/v1", body(r), uri);
        }
        FullHttpResponse health = exchange(ch, get("/exchange/v1/health"));
        assertEquals("served /exchange/v1/health", body(health), "the longer path is its own servant");
        assertEquals(List.of("/exchange/v1", "/exchange/v1", "/exchange/v1", "/exchange/v1/health"), served);
        assertTrue(ch.isOpen(), "keep-alive connections stay open");
    }

    @Test
    void exactListener_answers404_forPrefixesAndUnknownPaths_withoutReachingAServant() {
        EmbeddedChannel ch = listener(true, "/exchange/v1");
        for (String uri : List.of("/exchange/v1x", "/exchange/v1/anything", "/exchange", "/",
                "/exchange/v2?x=/exchange/v1")) {
            assertNotFound(exchange(ch, get(uri)), uri);
        }
        assertEquals(List.of(), served, "no servant saw an unknown path");
        assertTrue(ch.isOpen(), "a 404 is an answer, not a dropped connection");
        FullHttpResponse after = exchange(ch, get("/exchange/v1"));
        assertEquals("served /exchange/v1", body(after), "the same connection serves the next request");
    }

    @Test
    void segmentListener_routesWholeSegmentsToTheLongestPath_neverAStringPrefix() {
        EmbeddedChannel ch = listener(false, "/api/v1", "/api/v1/admin");
        assertEquals("served /api/v1", body(exchange(ch, get("/api/v1/items/42?x=1"))));
        assertEquals("served /api/v1/admin", body(exchange(ch, get("/api/v1/admin/users"))));
        assertEquals("served /api/v1", body(exchange(ch, get("/api/v1/administrators"))), "a segment, not a prefix");
        assertNotFound(exchange(ch, get("/api/v1x/items")), "/api/v1x is no segment of /api/v1");
        assertNotFound(exchange(ch, get("/api")), "a parent path is not served");
    }

    @Test
    void pathOf_dropsTheQueryAndOneTrailingSlash_only() {
        assertEquals("/exchange/v1", ListenerPipeline.pathOf("/exchange/v1/?a=b"));
        assertEquals("/", ListenerPipeline.pathOf("/"));
        assertEquals("/a/b", ListenerPipeline.pathOf("/a/b?c=/d/"));
        assertEquals("/a/b/", ListenerPipeline.pathOf("/a/b//"), "one slash, so that /a/b// names no servant");
    }

    @Test
    void declaredOversizeBody_isAnswered413_beforeTheBodyArrives_andKeptAlive() {
        EmbeddedChannel ch = listener(true, "/exchange/v1");
        FullHttpResponse r = exchange(ch, "POST /exchange/v1 HTTP/1.1\r\nHost: gateway\r\nContent-Length: "
                + (MAX_BODY + 1) + "\r\n\r\n");
        assertEquals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, r.status());
        assertEquals(String.valueOf(("over " + MAX_BODY + " bytes").length()),
                r.headers().get(HttpHeaderNames.CONTENT_LENGTH));
        assertEquals("over " + MAX_BODY + " bytes", body(r));
        assertEquals(List.of("/exchange/v1"), oversized, "the listener's responder answered");
        assertEquals(List.of(), served, "the servant never saw it");
        assertTrue(ch.isOpen(), "the rest of the body is discarded as it arrives; the answer is not lost to a reset");
    }

    @Test
    void declaredOversizeBody_withConnectionClose_isAnswered413_andClosed() {
        EmbeddedChannel ch = listener(true, "/exchange/v1");
        FullHttpResponse r = exchange(ch, "POST /exchange/v1 HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n"
                + "Content-Length: " + (10 * MAX_BODY) + "\r\n\r\n");
        assertEquals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, r.status());
        body(r);
        assertFalse(ch.isOpen(), "closed after the answer, as the client asked");
        assertEquals(List.of(), served);
    }

    @Test
    void chunkedBodyGrowingPastTheLimit_isAnswered413_withoutReachingTheServant() {
        EmbeddedChannel ch = listener(true, "/exchange/v1");
        String chunk = "x".repeat(MAX_BODY / 2 + 1);
        String size = Integer.toHexString(chunk.length());
        FullHttpResponse r = exchange(ch, "POST /exchange/v1 HTTP/1.1\r\nHost: gateway\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"
                + size + "\r\n" + chunk + "\r\n" + size + "\r\n" + chunk + "\r\n0\r\n\r\n");
        assertEquals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, r.status());
        body(r);
        assertEquals(List.of("/exchange/v1"), oversized);
        assertEquals(List.of(), served);
    }

    @Test
    void bodyAtTheLimit_reachesTheServant() {
        EmbeddedChannel ch = listener(true, "/exchange/v1");
        FullHttpResponse r = exchange(ch, "POST /exchange/v1 HTTP/1.1\r\nHost: gateway\r\nContent-Length: " + MAX_BODY
                + "\r\n\r\n" + "x".repeat(MAX_BODY));
        assertEquals(HttpResponseStatus.OK, r.status());
        assertEquals("served /exchange/v1", body(r));
        assertEquals(List.of(), oversized);
    }
}
