package org.mlagateway.download;

import jakarta.ws.rs.core.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.transport.StreamedBody;

/**
 * A document's download, streamed from the store, with HTTP Range support (RFC 9110 §14): one
 * byte range per request ({@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffix}),
 * answered with 206 and {@code Content-Range}; a range outside the document with 416; anything else
 * in the header (several ranges, other units) is ignored and the whole document is sent, as the
 * RFC allows. {@code Digest} always names the SHA-256 of the whole document. The internal API and
 * the operator pages both answer with it, so that the store is read one way only.
 */
public final class DocumentDownload {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    private DocumentDownload() {}

    /** The answer to a GET of {@code doc} with this {@code Range} header (null when none). */
    public static Response response(MessageReads reads, StoredDocument doc, String rangeHeader) {
        long size = doc.size();
        long first = 0;
        long last = size - 1;
        boolean partial = false;
        Matcher m = rangeHeader == null ? null : RANGE.matcher(rangeHeader.strip());
        if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                first = Math.max(0, size - suffix);
                if (suffix == 0) {
                    return unsatisfiable(size);
                }
            } else {
                first = Long.parseLong(m.group(1));
                if (!m.group(2).isEmpty()) {
                    last = Math.min(last, Long.parseLong(m.group(2)));
                    if (last < first) {
                        return unsatisfiable(size);
                    }
                }
            }
            if (first >= size) {
                return unsatisfiable(size);
            }
            partial = true;
        }
        long from = first;
        long length = size == 0 ? 0 : last - first + 1;
        // Written to the connection by the listener in pieces, never collected in memory.
        StreamedBody body =
                new StreamedBody(length, () -> reads.openDocument(doc.messagePk(), doc.documentId(), from, length));
        Response.ResponseBuilder answer = partial
                ? Response.status(Response.Status.PARTIAL_CONTENT)
                        .header("Content-Range", "bytes " + first + "-" + last + "/" + size)
                : Response.ok();
        return answer.entity(body)
                .type(doc.mediaType())
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", length)
                .header("Digest", "sha-256=" + doc.sha256())
                .build();
    }

    private static Response unsatisfiable(long size) {
        return Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
                .header("Content-Range", "bytes */" + size)
                .build();
    }
}
