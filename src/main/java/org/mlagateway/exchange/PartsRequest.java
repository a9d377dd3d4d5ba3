package org.mlagateway.exchange;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.mlagateway.security.SealedParts;

/**
 * The body of a delivery whose documents travel as attachment parts (docs/protocol.md#attachments):
 * {@code multipart/related}, the sealed envelope as its root part, then one part per document,
 * encrypted as it is read from the document's source. Its length is known before a byte is read,
 * so it goes out with a {@code Content-Length}; {@link #body} can be called again for a retry, and
 * reads each source afresh.
 */
public final class PartsRequest {
    static final String ROOT_ID = "envelope@mla-gateway";

    private final SealedParts sealed;
    private final List<Part> parts;
    private final String boundary = "mla-" + UUID.randomUUID();

    /** One document: its part's content id, its length, and where its content is read from. */
    public record Part(String contentId, long length, Supplier<InputStream> content) {}

    public PartsRequest(SealedParts sealed, List<Part> parts) {
        this.sealed = sealed;
        this.parts = List.copyOf(parts);
    }

    public String contentType() {
        return "multipart/related; type=\"application/soap+xml\"; boundary=\"" + boundary + "\"; start=\"<" + ROOT_ID
                + ">\"";
    }

    /** The body's length in bytes. */
    public long length() {
        long length = rootHeader().length + sealed.envelope().bytes().length;
        for (Part p : parts) {
            length += partHeader(p).length + SealedParts.encryptedLength(p.length());
        }
        return length + closing().length;
    }

    /** The body, read lazily: the parts are encrypted as they are read. */
    public InputStream body() {
        List<InputStream> pieces = new ArrayList<>();
        pieces.add(new ByteArrayInputStream(rootHeader()));
        pieces.add(new ByteArrayInputStream(sealed.envelope().bytes()));
        for (Part p : parts) {
            pieces.add(new ByteArrayInputStream(partHeader(p)));
            pieces.add(new LazyStream(() -> sealed.encrypt(p.content().get(), p.length())));
        }
        pieces.add(new ByteArrayInputStream(closing()));
        return new SequenceInputStream(Collections.enumeration(pieces));
    }

    private byte[] rootHeader() {
        return ("--" + boundary + "\r\n"
                        + "Content-Type: application/soap+xml; charset=UTF-8\r\n"
                        + "Content-Transfer-Encoding: binary\r\n"
                        + "Content-ID: <" + ROOT_ID + ">\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] partHeader(Part p) {
        return ("\r\n--" + boundary + "\r\n"
                        + "Content-Type: application/octet-stream\r\n"
                        + "Content-Transfer-Encoding: binary\r\n"
                        + "Content-ID: <" + p.contentId() + ">\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] closing() {
        return ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A stream opened at its first read, so that a part's source is not opened before its turn. */
    private static final class LazyStream extends InputStream {
        private final Supplier<InputStream> open;
        private InputStream in;

        LazyStream(Supplier<InputStream> open) {
            this.open = open;
        }

        private InputStream in() {
            if (in == null) {
                in = open.get();
            }
            return in;
        }

        @Override
        public int read() throws java.io.IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws java.io.IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
