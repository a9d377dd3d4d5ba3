package org.mlagateway.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultChannelId;
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
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.cxf.transport.http.netty.server.NettyHttpContextHandler;
import org.apache.cxf.transport.http.netty.server.NettyHttpHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.ListenerLimitsConfig;
import org.mlagateway.error.ErrorCode;

/**
 * The listener pipeline in {@link EmbeddedChannel}s, without a socket: the listening socket's
 * {@link ConnectionGate} admits an accepted connection and {@link ListenerPipeline} initialises it,
 * as the engine's bootstrap does; then raw HTTP/1.1 bytes go in and raw bytes come out. Behind the
 * pipeline's routing stand CXF handlers that answer with the path they serve and the body bytes they
 * read. The connections' clocks are frozen: a timer runs only when a test moves the time on.
 */
class ListenerPipelineTest {
    private static final int MAX_BODY = 1024;
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.2", 40000);
    private static final String PROBLEM = "application/problem+json";
    private static final String CHUNKED_POST =
            "POST /exchange/v1 HTTP/1.1\r\nHost: gateway\r\nTransfer-Encoding: chunked\r\n\r\n";

    private final List<String> served = new ArrayList<>();
    private final List<String> oversized = new ArrayList<>();
    private final List<String> gated = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    /** A TCP connection as the listening socket accepts it: open, not yet registered, with a socket peer. */
    private static final class Accepted extends EmbeddedChannel {
        Accepted() {
            super(DefaultChannelId.newInstance(), false, false);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return CLIENT;
        }
    }

    /** An endpoint: answers 200 with the path it was published at and the body bytes it read. */
    private final class NamingServant extends NettyHttpHandler {
        private final String path;

        NamingServant(String path) {
            super(null, true);
            this.path = path;
        }

        @Override
        public void handle(String target, HttpServletRequest request, HttpServletResponse response) throws IOException {
            int read = request.getInputStream().readAllBytes().length;
            served.add(path);
            response.setContentType("text/plain");
            response.getWriter().write("served " + path + ", read " + read);
        }
    }

    /** A listener's answer in the internal API's shape: an RFC 9457 problem naming the error code. */
    private static FullHttpResponse problem(HttpResponseStatus status, ErrorCode code) {
        String json = "{\"type\":\"urn:mla-gateway:problem:" + code.wireName() + "\",\"title\":\"" + code.reason()
                + "\",\"status\":" + status.code() + ",\"code\":\"" + code.wireName() + "\"}";
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, PROBLEM);
        return response;
    }

    private FullHttpResponse tooLarge(HttpRequest request, SocketAddress remote) {
        oversized.add(request.method() + " " + request.uri());
        return problem(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ErrorCode.MESSAGE_TOO_LARGE);
    }

    private static FullHttpResponse unavailable(HttpRequest request, SocketAddress remote) {
        return problem(HttpResponseStatus.SERVICE_UNAVAILABLE, ErrorCode.TEMPORARILY_UNAVAILABLE);
    }

    /** The internal listener's gate in miniature: a request without {@code Authorization} is refused 401. */
    private Optional<FullHttpResponse> bearerRequired(HttpRequest request, String servant, SocketAddress remote) {
        gated.add(request.uri() + " -> " + servant);
        return request.headers().contains(HttpHeaderNames.AUTHORIZATION)
                ? Optional.empty()
                : Optional.of(problem(HttpResponseStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED));
    }

    /** The pipeline of a plain-HTTP listener serving {@code paths} (an engine that is never started). */
    private ListenerPipeline listener(boolean exactPaths, HeaderGate gate, String... paths) {
        Map<String, NettyHttpContextHandler> servants = new ConcurrentHashMap<>();
        for (String path : paths) {
            ListenerEngine.publish(servants, path, new NamingServant(path));
        }
        ListenerPolicy policy = new ListenerPolicy(
                "test", ListenerLimitsConfig.defaults(), gate, this::tooLarge, ListenerPipelineTest::unavailable);
        ListenerEngine engine = new ListenerEngine("127.0.0.1", 0, null, MAX_BODY, exactPaths, 1, policy);
        return new ListenerPipeline(null, MAX_BODY, servants, engine, null, exactPaths, policy, null, null);
    }

    private ListenerPipeline exchange() {
        return listener(true, HeaderGate.OPEN, "/exchange/v1", "/exchange/v1/health");
    }

    /**
     * A connection to the listener: the gate on the listening socket admits it, then the acceptor
     * installs the pipeline and registers it, as {@code ServerBootstrap} does.
     */
    private EmbeddedChannel connect(ListenerPipeline pipeline) {
        Accepted child = new Accepted();
        child.freezeTime();
        EmbeddedChannel listening = new EmbeddedChannel(pipeline.connectionGate(), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                Channel accepted = (Channel) msg;
                accepted.pipeline().addLast(pipeline);
                ((EmbeddedChannel) accepted).register();
            }
        });
        channels.add(listening);
        channels.add(child);
        listening.writeInbound(child);
        assertTrue(child.isRegistered() && child.isActive(), "the gate admitted the connection");
        assertTrue(child.pipeline().get(RequestGuard.class) != null, "the listener's pipeline is installed");
        return child;
    }

    /** Sends raw bytes and returns every complete answer they brought. */
    private static List<FullHttpResponse> send(EmbeddedChannel channel, String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        channel.runPendingTasks();
        assertNull(channel.readInbound(), "nothing passes the servlet handler");
        EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            client.writeInbound(out);
        }
        List<FullHttpResponse> answers = new ArrayList<>();
        FullHttpResponse answer;
        while ((answer = client.readInbound()) != null) {
            answers.add(answer);
        }
        client.finishAndReleaseAll();
        return answers;
    }

    /** Sends a request and returns its one answer. */
    private static Answer exchange(EmbeddedChannel channel, String request) {
        List<FullHttpResponse> answers = send(channel, request);
        assertEquals(
                1, answers.size(), "answers to " + request.lines().findFirst().orElse(request));
        return Answer.of(answers.get(0));
    }

    private record Answer(int status, String contentType, String connection, String body) {
        static Answer of(FullHttpResponse response) {
            try {
                assertEquals(
                        String.valueOf(response.content().readableBytes()),
                        response.headers().get(HttpHeaderNames.CONTENT_LENGTH),
                        "every answer declares its length");
                return new Answer(
                        response.status().code(),
                        response.headers().get(HttpHeaderNames.CONTENT_TYPE),
                        response.headers().get(HttpHeaderNames.CONNECTION),
                        response.content().toString(StandardCharsets.UTF_8));
            } finally {
                response.release();
            }
        }

        String code() {
            int at = body.indexOf("\"code\":\"");
            return at < 0 ? null : body.substring(at + 8, body.indexOf('"', at + 8));
        }
    }

    private static String get(String uri) {
        return "GET " + uri + " HTTP/1.1\r\nHost: gateway\r\n\r\n";
    }

    private static String post(String uri, int length, String... headers) {
        return "POST " + uri + " HTTP/1.1\r\nHost: gateway\r\n" + String.join("", headers) + "Content-Length: " + length
                + "\r\n\r\n";
    }

    private static String chunk(int size) {
        return Integer.toHexString(size) + "\r\n" + "x".repeat(size) + "\r\n";
    }

    private static void assertNotFound(Answer answer, String uri) {
        assertEquals(404, answer.status(), uri);
        assertEquals("text/plain; charset=UTF-8", answer.contentType(), uri);
        assertEquals("Not Found\r\n", answer.body(), uri);
    }

    private static void assertTooLarge(Answer answer) {
        assertEquals(413, answer.status(), answer.body());
        assertEquals(PROBLEM, answer.contentType());
        assertEquals("MessageTooLarge", answer.code(), answer.body());
    }

    @Test
    void exactPath_reachesItsEndpoint_withOrWithoutQueryOrOneTrailingSlash() {
        EmbeddedChannel ch = connect(exchange());
        for (String uri : List.of("/exchange/v1", "/exchange/v1?wsdl", "/exchange/v1/")) {
            Answer answer = exchange(ch, get(uri));
            assertEquals(200, answer.status(), uri);
            assertEquals("served /exchange/v1, read 0", answer.body(), uri);
        }
        assertEquals(
                "served /exchange/v1, read 10",
                exchange(ch, post("/exchange/v1", 10) + "x".repeat(10)).body());
        assertEquals(
                "served /exchange/v1/health, read 0",
                exchange(ch, get("/exchange/v1/health")).body(),
                "the longer path is an endpoint of its own");
        assertEquals(
                List.of("/exchange/v1", "/exchange/v1", "/exchange/v1", "/exchange/v1", "/exchange/v1/health"), served);
        assertTrue(ch.isOpen(), "a keep-alive connection stays open");
    }

    @Test
    void prefixesTrailingSegmentsAndOtherCases_are404_withoutReachingAnEndpoint() {
        EmbeddedChannel ch = connect(exchange());
        for (String uri : List.of(
                "/exchange",
                "/exchange/v",
                "/",
                "/exchange/v1x",
                "/exchange/v1/anything",
                "/exchange/v1/health/more",
                "/exchange/v1//",
                "/Exchange/v1",
                "/EXCHANGE/V1",
                "/exchange/V1",
                "/exchange/v2?x=/exchange/v1")) {
            assertNotFound(exchange(ch, get(uri)), uri);
        }
        assertEquals(List.of(), served, "no endpoint saw an unknown path");
        assertTrue(ch.isOpen(), "a 404 is an answer, not a dropped connection");
        assertEquals(200, exchange(ch, get("/exchange/v1")).status(), "the same connection serves the next request");
    }

    @Test
    void unknownPathWithABody_is404_fromItsHeaders_andTheBodyIsDiscardedUnread() {
        EmbeddedChannel ch = connect(exchange());
        Answer answer = exchange(ch, post("/exchange/v1/extra", 10));
        assertNotFound(answer, "/exchange/v1/extra");
        assertEquals("close", answer.connection());
        assertTrue(ch.isOpen(), "the body that follows is still read, so the client can read the answer");
        assertEquals(List.of(), send(ch, "x".repeat(10)), "the body is discarded without a second answer");
        assertFalse(ch.isOpen(), "closed once the body is through");

        EmbeddedChannel stalled = connect(exchange());
        assertNotFound(exchange(stalled, post("/Exchange/V1", 10)), "/Exchange/V1");
        stalled.advanceTimeBy(RequestGuard.LINGER_MILLIS - 1, TimeUnit.MILLISECONDS);
        stalled.runPendingTasks();
        assertTrue(stalled.isOpen());
        stalled.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        stalled.runPendingTasks();
        assertFalse(stalled.isOpen(), "a body that never comes is waited for LINGER_MILLIS, no longer");
        assertEquals(List.of(), served);
    }

    @Test
    void segmentListener_routesWholeSegmentsToTheLongestPath_neverAStringPrefix() {
        EmbeddedChannel ch = connect(listener(false, HeaderGate.OPEN, "/api/v1", "/api/v1/admin"));
        assertEquals(
                "served /api/v1, read 0",
                exchange(ch, get("/api/v1/items/42?x=1")).body());
        assertEquals(
                "served /api/v1/admin, read 0",
                exchange(ch, get("/api/v1/admin/users")).body());
        assertEquals(
                "served /api/v1, read 0",
                exchange(ch, get("/api/v1/administrators")).body(),
                "a segment, not a prefix");
        assertNotFound(exchange(ch, get("/api/v1x/items")), "/api/v1x is no segment of /api/v1");
        assertNotFound(exchange(ch, get("/api")), "a parent path is not served");
        assertNotFound(exchange(ch, get("/API/v1/items")), "paths are case-sensitive");
    }

    @Test
    void declaredLengthOverTheLimit_is413_beforeTheBody_andTheRestIsDiscarded() {
        EmbeddedChannel ch = connect(exchange());
        assertTooLarge(exchange(ch, post("/exchange/v1", MAX_BODY + 1)));
        assertEquals(List.of("POST /exchange/v1"), oversized, "the listener's responder answered");
        assertTrue(ch.isOpen(), "a keep-alive client still sending is not reset, or it would lose the answer");
        assertEquals(List.of(), send(ch, "x".repeat(MAX_BODY + 1)), "the body is discarded as it arrives");
        assertEquals(
                "served /exchange/v1, read 0",
                exchange(ch, get("/exchange/v1")).body(),
                "the connection serves the next request");
        assertEquals(List.of("/exchange/v1"), served, "the endpoint never saw the oversized request");
    }

    @Test
    void declaredLengthOverTheLimit_withConnectionClose_is413_andTheChannelCloses() {
        EmbeddedChannel ch = connect(exchange());
        assertTooLarge(exchange(ch, post("/exchange/v1", 10 * MAX_BODY, "Connection: close\r\n")));
        assertFalse(ch.isOpen(), "closed after the answer, as the client asked");
        assertEquals(List.of("POST /exchange/v1"), oversized);
        assertEquals(List.of(), served);
    }

    @Test
    void chunkedBodyGrowingPastTheLimit_is413_onceItIsOver() {
        EmbeddedChannel ch = connect(exchange());
        assertEquals(List.of(), send(ch, CHUNKED_POST + chunk(MAX_BODY / 2)), "within the limit: no answer yet");
        assertTooLarge(exchange(ch, chunk(MAX_BODY / 2 + 1)));
        assertEquals(List.of(), send(ch, chunk(MAX_BODY) + "0\r\n\r\n"), "the rest is discarded");
        assertTrue(ch.isOpen(), "kept alive");
        assertEquals(200, exchange(ch, get("/exchange/v1")).status());

        EmbeddedChannel closing = connect(exchange());
        assertTooLarge(exchange(
                closing, CHUNKED_POST.replace("Host:", "Connection: close\r\nHost:") + chunk(MAX_BODY) + chunk(1)));
        assertFalse(closing.isOpen(), "closed after the answer, as the client asked");
        assertEquals(List.of("POST /exchange/v1", "POST /exchange/v1"), oversized);
        assertEquals(List.of("/exchange/v1"), served, "only the GET reached the endpoint");
    }

    @Test
    void bodyAtTheLimit_reachesTheEndpoint_declaredOrChunked() {
        EmbeddedChannel ch = connect(exchange());
        Answer declared = exchange(ch, post("/exchange/v1", MAX_BODY) + "x".repeat(MAX_BODY));
        assertEquals("served /exchange/v1, read " + MAX_BODY, declared.body());
        Answer chunked = exchange(ch, CHUNKED_POST + chunk(MAX_BODY - 1) + chunk(1) + "0\r\n\r\n");
        assertEquals("served /exchange/v1, read " + MAX_BODY, chunked.body());
        assertEquals(List.of(), oversized);
    }

    @Test
    void headersOrRequestLineOverTheDecoderLimits_are400_andTheChannelCloses() {
        EmbeddedChannel ch = connect(exchange());
        Answer headers =
                exchange(ch, "GET /exchange/v1 HTTP/1.1\r\nHost: gateway\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n");
        assertEquals(400, headers.status());
        assertEquals("Bad Request\r\n", headers.body());
        assertEquals("close", headers.connection());
        assertFalse(ch.isOpen());

        EmbeddedChannel line = connect(exchange());
        assertEquals(
                400, exchange(line, get("/exchange/v1?" + "q".repeat(5000))).status());
        assertFalse(line.isOpen());
        assertEquals(List.of(), served);
    }

    @Test
    void headerGate_refusesFromTheHeaders_withItsOwnAnswer_beforeTheBodyIsRead() {
        ListenerPipeline api = listener(false, this::bearerRequired, "/api/v1");
        EmbeddedChannel ch = connect(api);
        Answer refused = exchange(ch, post("/api/v1/messages", 100));
        assertEquals(401, refused.status());
        assertEquals(PROBLEM, refused.contentType());
        assertEquals("Unauthenticated", refused.code(), refused.body());
        assertEquals("close", refused.connection());
        assertEquals(List.of(), send(ch, "x".repeat(100)), "the body is discarded unread");
        assertFalse(ch.isOpen());

        EmbeddedChannel bearer = connect(api);
        String token = "Authorization: Bearer t\r\n";
        assertEquals(
                "served /api/v1, read 100",
                exchange(bearer, post("/api/v1/messages", 100, token) + "x".repeat(100))
                        .body());
        assertNotFound(exchange(bearer, post("/elsewhere", 100, token)), "/elsewhere");
        assertEquals(
                List.of("/api/v1/messages -> /api/v1", "/api/v1/messages -> /api/v1"),
                gated,
                "the gate is told the endpoint's path; a body for no endpoint is refused before the gate");
        assertEquals(List.of("/api/v1"), served);
    }
}
