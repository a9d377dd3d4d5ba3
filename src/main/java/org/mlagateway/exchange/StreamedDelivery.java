package org.mlagateway.exchange;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.security.SealedParts;
import org.mlagateway.store.InboxStore;
import org.mlagateway.store.Rejection;
import org.mlagateway.transport.StreamedEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchange endpoint's streamed form (docs/protocol.md#attachments): a {@code multipart/related}
 * delivery is read as it arrives, never aggregated. Its root part, the envelope, is kept in memory
 * up to {@code limits.maxEnvelopeBytes}; every other part is spooled, still encrypted, to a file of
 * the document store's, up to the size {@code limits.maxDocumentBytes} allows, and the whole request
 * up to {@code limits.maxMessageBytes}. Once the body is complete, {@link InboundExchange} verifies
 * the envelope and stores each part in one pass; the spool files are deleted whatever the outcome.
 */
final class StreamedDelivery implements StreamedEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(StreamedDelivery.class);

    private final InboundExchange inbound;
    private final InboxStore store;
    private final Path spool;
    private final int maxEnvelopeBytes;
    private final long maxPartBytes;
    private final long maxMessageBytes;

    StreamedDelivery(
            InboundExchange inbound,
            InboxStore store,
            Path spool,
            int maxEnvelopeBytes,
            long maxDocumentBytes,
            long maxMessageBytes) {
        this.inbound = inbound;
        this.store = store;
        this.spool = spool;
        this.maxEnvelopeBytes = maxEnvelopeBytes;
        this.maxPartBytes = SealedParts.encryptedLength(maxDocumentBytes);
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public boolean streams(HttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return HttpMethod.POST.equals(request.method())
                && ExchangeListener.PATH.equals(pathOf(request.uri()))
                && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("multipart/related");
    }

    private static String pathOf(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    @Override
    public Upload open(HttpRequest request, Channel channel) {
        RequestInfo info = new RequestInfo(address(channel), clientChain(channel));
        long declared = HttpUtil.getContentLength(request, -1L);
        String boundary = MultipartReader.boundary(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        return new Delivery(info, declared, boundary);
    }

    private final class Delivery implements Upload, MultipartReader.Parts {
        private final RequestInfo info;
        private final String boundary;
        private FullHttpResponse refusal;
        private MultipartReader reader;
        private final List<ReceivedPart> parts = new ArrayList<>();
        private ByteArrayOutputStream envelope;
        private byte[] root;
        private FileChannel file;
        private Path filePath;
        private String contentId;
        private long partLength;
        private long total;
        private byte[] copy = new byte[0];

        Delivery(RequestInfo info, long declared, String boundary) {
            this.info = info;
            this.boundary = boundary;
            if (declared > maxMessageBytes) {
                refusal = refuse(ErrorCode.MESSAGE_TOO_LARGE, "declares more than limits.maxMessageBytes");
            }
        }

        @Override
        public FullHttpResponse content(ByteBuf piece) {
            if (refusal != null) {
                return refusal;
            }
            try {
                if (reader == null) {
                    reader = new MultipartReader(boundary, this);
                }
                int n = piece.readableBytes();
                total += n;
                if (total > maxMessageBytes) {
                    throw new GatewayException(ErrorCode.MESSAGE_TOO_LARGE, "more than limits.maxMessageBytes");
                }
                if (piece.hasArray()) {
                    reader.feed(piece.array(), piece.arrayOffset() + piece.readerIndex(), n);
                } else {
                    // The reader takes what it is fed before it returns: one buffer serves every piece.
                    if (copy.length < n) {
                        copy = new byte[Math.max(n, 64 * 1024)];
                    }
                    piece.getBytes(piece.readerIndex(), copy, 0, n);
                    reader.feed(copy, 0, n);
                }
                return null;
            } catch (GatewayException e) {
                return refuse(e.code(), e.getMessage());
            }
        }

        @Override
        public void begin(Map<String, String> headers) {
            String encoding = headers.getOrDefault("content-transfer-encoding", "binary");
            if (!encoding.equalsIgnoreCase("binary") && !encoding.equalsIgnoreCase("8bit")) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a part is not in binary transfer encoding");
            }
            if (root == null && envelope == null) {
                envelope = new ByteArrayOutputStream(64 * 1024);
                return;
            }
            String id = headers.get("content-id");
            if (id == null || !id.startsWith("<") || !id.endsWith(">")) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "an attachment part has no Content-ID");
            }
            contentId = id.substring(1, id.length() - 1);
            partLength = 0;
            try {
                Files.createDirectories(spool);
                filePath = spool.resolve(UUID.randomUUID() + ".spool");
                file = FileChannel.open(filePath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("spool a part", e);
            }
        }

        @Override
        public void content(byte[] bytes, int offset, int length) {
            if (envelope != null) {
                if (envelope.size() + length > maxEnvelopeBytes) {
                    throw new GatewayException(ErrorCode.MESSAGE_TOO_LARGE, "the envelope part is too large");
                }
                envelope.write(bytes, offset, length);
                return;
            }
            partLength += length;
            if (partLength > maxPartBytes) {
                throw new GatewayException(
                        ErrorCode.MESSAGE_TOO_LARGE, "a part is larger than limits.maxDocumentBytes");
            }
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            } catch (IOException e) {
                throw new GatewayException(ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot spool a part: " + e.getMessage());
            }
        }

        @Override
        public void end() {
            if (envelope != null) {
                root = envelope.toByteArray();
                envelope = null;
                return;
            }
            try {
                file.close();
            } catch (IOException e) {
                throw new GatewayException(ErrorCode.TEMPORARILY_UNAVAILABLE, "cannot spool a part: " + e.getMessage());
            }
            file = null;
            parts.add(new ReceivedPart(contentId, filePath, partLength));
            filePath = null;
        }

        @Override
        public FullHttpResponse finish() {
            try {
                if (refusal != null) {
                    return refusal;
                }
                if (reader == null) {
                    return refuse(ErrorCode.MALFORMED_MESSAGE, "an empty multipart body");
                }
                try {
                    reader.end();
                } catch (GatewayException e) {
                    return refuse(e.code(), e.getMessage());
                }
                if (root == null) {
                    return refuse(ErrorCode.MALFORMED_MESSAGE, "no envelope part");
                }
                ExchangeResponse answer = inbound.handle(root, List.copyOf(parts), info);
                return response(answer);
            } finally {
                discard();
            }
        }

        @Override
        public void discard() {
            try {
                if (file != null) {
                    file.close();
                }
            } catch (IOException e) {
                // deleted below
            }
            List<Path> files = new ArrayList<>();
            parts.forEach(p -> files.add(p.file()));
            if (filePath != null) {
                files.add(filePath);
            }
            for (Path p : files) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("could not delete a spooled part; the document store's sweep removes it");
                }
            }
        }

        /** An answer before the envelope was verified: logged and recorded as every rejection. */
        private FullHttpResponse refuse(ErrorCode code, String detail) {
            String correlationId = UUID.randomUUID().toString();
            LOG.info(
                    "rejected {} (correlation {}, remote {}): {}",
                    code.wireName(),
                    correlationId,
                    info.remoteAddress(),
                    detail);
            try {
                store.recordRejection(
                        new Rejection(code.wireName(), correlationId, info.remoteAddress(), null, null, null));
            } catch (RuntimeException e) {
                LOG.error("could not log the rejection (correlation {}): {}", correlationId, e.getMessage());
            }
            refusal = Faults.httpResponse(code, correlationId);
            return refusal;
        }
    }

    private static FullHttpResponse response(ExchangeResponse answer) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                Unpooled.wrappedBuffer(answer.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, Faults.CONTENT_TYPE);
        if (answer.retryAfter() != null) {
            response.headers()
                    .set(HttpHeaderNames.RETRY_AFTER, answer.retryAfter().toSeconds());
        }
        return response;
    }

    private static String address(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress()
                : null;
    }

    private static List<X509Certificate> clientChain(Channel channel) {
        SslHandler tls = channel.pipeline().get(SslHandler.class);
        if (tls == null) {
            return List.of();
        }
        try {
            Certificate[] chain = tls.engine().getSession().getPeerCertificates();
            return Arrays.stream(chain)
                    .filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast)
                    .toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
