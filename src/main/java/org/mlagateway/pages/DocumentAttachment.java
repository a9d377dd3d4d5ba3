package org.mlagateway.pages;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.mlagateway.download.DocumentDownload;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.StoredDocument;

/**
 * A stored document as the operator pages serve it: the internal API's streamed download
 * ({@link DocumentDownload}: decrypted from the store on the way out, Content-Length, Range), but
 * always as an attachment with {@code nosniff}. A partner chooses a document's media type; a
 * {@code text/html} or SVG document opened inline would run in the pages' origin with the
 * operator's session, so the browser is told to save it, never to render or guess it.
 */
final class DocumentAttachment {
    private DocumentAttachment() {}

    static Response of(MessageReads reads, StoredDocument doc, String messageId, String range) {
        String name = safe(messageId) + "." + safe(doc.documentId());
        return Response.fromResponse(DocumentDownload.response(reads, doc, range))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** The page link of a document (its id percent-encoded as one path segment). */
    static String path(long messagePk, String documentId) {
        String segment = URLEncoder.encode(documentId, StandardCharsets.UTF_8).replace("+", "%20");
        return OperatorPages.PATH + "/messages/" + messagePk + "/documents/" + segment;
    }

    /** An id reduced to characters that need no quoting in a header's filename. */
    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
