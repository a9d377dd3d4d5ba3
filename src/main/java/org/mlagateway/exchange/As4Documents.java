package org.mlagateway.exchange;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageDocument;
import org.mlagateway.security.As4Mime;
import org.mlagateway.security.As4Payload;
import org.mlagateway.security.As4UserMessage;
import org.mlagateway.security.As4Verifier;
import org.mlagateway.store.Direction;
import org.mlagateway.store.DocumentFiles;

/**
 * The documents of a verified AS4 message that travelled as their own parts (docs/as4.md#documents).
 * The verifier has already held every part to the signature and the encryption, by position, and
 * PayloadInfo to exactly the package's parts; here the parts after the message's must be exactly
 * those the message's {@code msg:Attachment} references name, each once. Each is then inflated
 * (when its PartInfo says gzip) and written to the document store, which cuts it at the document's
 * {@code msg:Size} and keeps it only when its SHA-256 is the document's {@code msg:Sha256}: the same
 * store, and so the same accept transaction, as the parts of our own profile.
 */
final class As4Documents {
    private final DocumentFiles files;
    private final long maxDocumentBytes;

    As4Documents(DocumentFiles files, long maxDocumentBytes) {
        this.files = files;
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** Whether there are documents to store: parts besides the message's, or documents that name a part. */
    static boolean hasDocumentParts(Message message, As4Verifier.Verified verified) {
        return verified.header().payloads().size() > 1
                || !PartStore.attachmentDocuments(message).isEmpty();
    }

    /**
     * The stored file of each attachment document, by document id.
     *
     * @throws GatewayException {@code MalformedMessage} when a document names no part or a part is no
     *     document's, {@code MessageTooLarge} past {@code limits.maxDocumentBytes},
     *     {@code DecompressionFailed}, {@code DocumentDigestMismatch}
     */
    Map<String, DocumentFiles.Written> store(
            Message message, As4Verifier.Verified verified, String sender, String messageId) {
        List<As4UserMessage.PartInfo> infos = verified.header().payloads();
        Map<String, As4UserMessage.PartInfo> named = new LinkedHashMap<>();
        for (As4UserMessage.PartInfo info : infos.subList(1, infos.size())) {
            named.put(info.href().substring("cid:".length()), info);
        }
        Map<String, As4Mime.Part> parts = new HashMap<>();
        verified.parts().forEach(p -> parts.put(p.contentId(), p));
        Map<String, MessageDocument> documents = PartStore.attachmentDocuments(message);
        for (String id : named.keySet()) {
            if (!documents.containsKey(id)) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a part of the package is no document's");
            }
        }
        for (Map.Entry<String, MessageDocument> e : documents.entrySet()) {
            MessageDocument d = e.getValue();
            if (!named.containsKey(e.getKey()) || !parts.containsKey(e.getKey())) {
                throw new GatewayException(
                        ErrorCode.MALFORMED_MESSAGE, "document " + d.getDocumentId() + " names no part of the package");
            }
            if (d.getSize() > maxDocumentBytes) {
                throw new GatewayException(
                        ErrorCode.MESSAGE_TOO_LARGE,
                        "document " + d.getDocumentId() + " is larger than limits.maxDocumentBytes");
            }
        }
        Map<String, DocumentFiles.Written> stored = new HashMap<>();
        for (Map.Entry<String, MessageDocument> e : documents.entrySet()) {
            MessageDocument d = e.getValue();
            byte[] bytes = parts.get(e.getKey()).bytes();
            InputStream plain = As4Payload.compressed(named.get(e.getKey()))
                    ? Inflating.of(bytes)
                    : new ByteArrayInputStream(bytes);
            stored.put(
                    d.getDocumentId(),
                    files.write(Direction.IN, sender, messageId, d.getDocumentId(), plain, d.getSize(), d.getSha256()));
        }
        return stored;
    }

    /**
     * A gzip part inflated as the store reads it, which stops reading at the document's size; what is
     * not gzip fails as {@code DecompressionFailed}, a failure the store passes on.
     */
    private static final class Inflating extends FilterInputStream {
        private Inflating(InputStream in) {
            super(in);
        }

        static InputStream of(byte[] compressed) {
            try {
                return new Inflating(new GZIPInputStream(new ByteArrayInputStream(compressed)));
            } catch (IOException e) {
                throw failed();
            }
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw failed();
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw failed();
            }
        }

        private static GatewayException failed() {
            return new GatewayException(ErrorCode.DECOMPRESSION_FAILED, "a document part is not valid gzip");
        }
    }
}
