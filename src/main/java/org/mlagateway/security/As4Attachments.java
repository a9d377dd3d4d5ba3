package org.mlagateway.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.apache.wss4j.common.ext.Attachment;
import org.apache.wss4j.common.ext.AttachmentRequestCallback;
import org.apache.wss4j.common.ext.AttachmentResultCallback;

/**
 * The payload parts of one AS4 message as WSS4J sees them: it asks for parts by Content-ID (or for all
 * of them, as {@code Attachments}) to sign, verify or encrypt, and hands back what it encrypted or
 * decrypted, which replaces the part here. Each request gets fresh streams over the bytes, since
 * WSS4J reads every stream once. One instance serves one message on one thread.
 */
final class As4Attachments implements CallbackHandler {
    private static final String ALL = "Attachments";

    private final Map<String, As4Mime.Part> parts = new LinkedHashMap<>();
    private final long maxPartBytes;

    As4Attachments(List<As4Mime.Part> parts, long maxPartBytes) {
        parts.forEach(p -> this.parts.put(p.contentId(), p));
        this.maxPartBytes = maxPartBytes;
    }

    /** The parts as they are now: after encryption, the ciphertexts; after decryption, the plaintexts. */
    List<As4Mime.Part> parts() {
        return List.copyOf(parts.values());
    }

    @Override
    public void handle(Callback[] callbacks) throws IOException, UnsupportedCallbackException {
        for (Callback callback : callbacks) {
            if (callback instanceof AttachmentRequestCallback request) {
                request.setAttachments(requested(request.getAttachmentId()));
            } else if (callback instanceof AttachmentResultCallback result) {
                replace(result.getAttachmentId(), result.getAttachment());
            } else {
                throw new UnsupportedCallbackException(callback);
            }
        }
    }

    private List<Attachment> requested(String id) {
        List<Attachment> found = new ArrayList<>();
        for (As4Mime.Part part : parts.values()) {
            if (ALL.equals(id) || part.contentId().equals(id)) {
                found.add(attachment(part));
            }
        }
        return found;
    }

    private static Attachment attachment(As4Mime.Part part) {
        Attachment a = new Attachment();
        a.setId(part.contentId());
        a.setMimeType(part.contentType());
        a.addHeaders(part.headers());
        a.setSourceStream(new ByteArrayInputStream(part.bytes()));
        return a;
    }

    private void replace(String id, Attachment attachment) throws IOException {
        String key = id != null ? id : attachment.getId();
        if (key == null || !parts.containsKey(As4Mime.unbracket(key))) {
            throw new IOException("a result for a part that is not in the message");
        }
        key = As4Mime.unbracket(key);
        byte[] bytes;
        try (InputStream in = attachment.getSourceStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPartBytes + 1));
        }
        if (bytes.length > maxPartBytes) {
            throw new IOException("a processed part exceeds the part limit");
        }
        Map<String, String> headers = new LinkedHashMap<>(attachment.getHeaders());
        if (attachment.getMimeType() != null) {
            headers.put("Content-Type", attachment.getMimeType());
        }
        headers.put("Content-ID", "<" + key + ">");
        parts.put(key, new As4Mime.Part(key, headers, bytes));
    }
}
