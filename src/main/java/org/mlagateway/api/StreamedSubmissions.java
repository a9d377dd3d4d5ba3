package org.mlagateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;
import org.mlagateway.access.InternalAccess;
import org.mlagateway.access.Throttled;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.exchange.OutboundSubmissions;
import org.mlagateway.exchange.SubmissionUpload;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoreException;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.SubmitResult;
import org.mlagateway.transport.StreamedEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/messages} with a {@code multipart/related} body (docs/protocol.md#attachments):
 * a submission whose documents come as parts, taken as it arrives instead of through the listener's
 * aggregator, so that a document of gigabytes never sits in memory. The caller is authenticated and
 * its role checked from the headers, before a byte of the body is taken, exactly as
 * {@link BearerAuthentication} and {@link MessagesResource} do for the other submissions, and the
 * answers are the same: 201 (or 200 for a replay) with the submission, or a problem.
 */
final class StreamedSubmissions implements StreamedEndpoint {
    static final String PATH = InternalApi.BASE + "/messages";
    private static final Logger LOG = LoggerFactory.getLogger(StreamedSubmissions.class);

    private final ApiClients clients;
    private final InternalAccess access;
    private final Visibility visibility;
    private final OutboundSubmissions submissions;
    private final MessageReads reads;
    private final ObjectMapper json;
    private final Path spool;
    private final int maxXmlBytes;
    private final long maxDocumentBytes;
    private final long maxMessageBytes;

    StreamedSubmissions(
            ApiClients clients,
            InternalAccess access,
            Visibility visibility,
            OutboundSubmissions submissions,
            MessageReads reads,
            ObjectMapper json,
            Path spool,
            int maxXmlBytes,
            long maxDocumentBytes,
            long maxMessageBytes) {
        this.clients = clients;
        this.access = access;
        this.visibility = visibility;
        this.submissions = submissions;
        this.reads = reads;
        this.json = json;
        this.spool = spool;
        this.maxXmlBytes = maxXmlBytes;
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public boolean streams(HttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return HttpMethod.POST.equals(request.method())
                && PATH.equals(request.uri())
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("multipart/related");
    }

    @Override
    public Upload open(HttpRequest request, Channel channel) {
        String address = channel.remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress()
                : "?";
        Caller caller = null;
        try {
            caller = BearerAuthentication.caller(
                    clients, access, request.headers().get(HttpHeaderNames.AUTHORIZATION), address);
            caller.require(caller.body() != null || caller.has(org.mlagateway.config.ApiRole.ADMIN), "submit messages");
            String key = request.headers().get("Idempotency-Key");
            if (key == null || key.isBlank() || key.length() > 128) {
                throw new GatewayException(
                        ErrorCode.INVALID_REQUEST, "an Idempotency-Key header (1-128 characters) is required");
            }
            String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (SubmissionUpload.boundary(type) == null) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the multipart body has no boundary");
            }
            SubmissionUpload upload = new SubmissionUpload(spool, type, maxXmlBytes, maxDocumentBytes, maxMessageBytes);
            return new Submission(caller, key, address, upload);
        } catch (GatewayException e) {
            return new Refused(problem(e, caller, address));
        }
    }

    /** A submission whose headers passed: its body is taken, then submitted on a worker. */
    private final class Submission implements Upload {
        private final Caller caller;
        private final String key;
        private final String address;
        private final SubmissionUpload upload;

        Submission(Caller caller, String key, String address, SubmissionUpload upload) {
            this.caller = caller;
            this.key = key;
            this.address = address;
            this.upload = upload;
        }

        @Override
        public FullHttpResponse content(ByteBuf piece) {
            try {
                int n = piece.readableBytes();
                if (piece.hasArray()) {
                    upload.feed(piece.array(), piece.arrayOffset() + piece.readerIndex(), n);
                } else {
                    byte[] copy = new byte[n];
                    piece.getBytes(piece.readerIndex(), copy);
                    upload.feed(copy, 0, n);
                }
                return null;
            } catch (GatewayException e) {
                return problem(e, caller, address);
            }
        }

        @Override
        public FullHttpResponse finish() {
            try {
                upload.complete();
                SubmitResult result = submissions.submit(
                        upload,
                        caller.name(),
                        key,
                        (header, partner) -> visibility.requireMayReply(caller, header, partner));
                String status = reads.message(result.messagePk())
                        .map(StoredMessage::status)
                        .orElse(MessageStatus.QUEUED)
                        .dbName();
                return submitted(result, status);
            } catch (GatewayException e) {
                return problem(e, caller, address);
            } catch (StoreException e) {
                LOG.error("store unavailable: {}", e.getMessage());
                return ListenerProblems.problem(ErrorCode.TEMPORARILY_UNAVAILABLE, "the store is unavailable");
            } catch (IllegalArgumentException e) {
                return ListenerProblems.problem(ErrorCode.INVALID_REQUEST, e.getMessage());
            } finally {
                upload.discard();
            }
        }

        @Override
        public void discard() {
            upload.discard();
        }
    }

    /** Refused from its headers: the body is not taken. */
    private record Refused(FullHttpResponse answer) implements Upload {
        @Override
        public FullHttpResponse content(ByteBuf piece) {
            return answer;
        }

        @Override
        public FullHttpResponse finish() {
            return answer;
        }

        @Override
        public void discard() {
            // nothing taken
        }
    }

    private FullHttpResponse submitted(SubmitResult result, String status) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(
                    new Views.Submitted(result.messageId(), status, result.logSeq(), result.replayed()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a submission", e);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                result.replayed() ? HttpResponseStatus.OK : HttpResponseStatus.CREATED,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        return response;
    }

    /** The problem for a refusal; denials (401, 403, 429) are counted as the API's are. */
    private FullHttpResponse problem(GatewayException e, Caller caller, String address) {
        FullHttpResponse answer = ListenerProblems.problem(e.code(), e.getMessage());
        int status = answer.status().code();
        if (status == 401 || status == 403 || status == 429) {
            access.denied(
                    InternalAccess.API_DENIED,
                    "api",
                    caller == null ? null : caller.name(),
                    address,
                    e.code().wireName(),
                    PATH);
        }
        if (e instanceof Throttled t) {
            answer.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(t.retryAfterSeconds()));
        }
        return answer;
    }
}
