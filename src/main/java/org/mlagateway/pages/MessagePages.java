package org.mlagateway.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.message.PersonFields;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.LogQuery;
import org.mlagateway.store.LogRow;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.OutboxStore;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.SearchStore;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.StoredReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One message: its header, the routing decision (queue items with target, flags and due date), the
 * timeline of its log entries, its receipts and delivery attempts, downloads of the raw envelope,
 * the decrypted message XML, the receipts and the documents, and the actions on it: verify the stored message
 * ({@link Evidence}), export its evidence bundle, re-queue it when it is a FAILED outgoing message.
 */
@Path("/messages/{pk}")
@Produces(Layout.HTML)
public final class MessagePages {
    /** SOAP 1.2's media type (RFC 3902): the envelope and the receipts are SOAP envelopes. */
    static final String SOAP = "application/soap+xml";

    private static final Logger LOG = LoggerFactory.getLogger(MessagePages.class);
    private final MessageReads reads;
    private final MessageLog messageLog;
    private final OutboxStore outbox;
    private final SearchStore search;
    private final Layout layout;
    private final Clock clock;
    private final Evidence evidence;

    <S extends MessageReads & MessageLog & OutboxStore & SearchStore> MessagePages(
            S store, Layout layout, Clock clock, Evidence evidence) {
        this.reads = store;
        this.messageLog = store;
        this.outbox = store;
        this.search = store;
        this.layout = layout;
        this.clock = clock;
        this.evidence = evidence;
    }

    @GET
    public Response detail(
            @PathParam("pk") long pk,
            @QueryParam("requeued") Long requeued,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        return page(pk, session, layout.languages().messages(session, acceptLanguage), null, requeued);
    }

    @GET
    @Path("envelope")
    @Produces(MediaType.WILDCARD)
    public Response envelope(@PathParam("pk") long pk, @Context SecurityContext security) {
        StoredMessage m = message(pk);
        if (m.envelope() == null) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "message " + m.messageId() + " has not been sent yet");
        }
        audit(security, m, "ops-downloaded", Map.of("what", "envelope"));
        return download(m.envelope(), SOAP, m, "envelope", "xml");
    }

    @GET
    @Path("message.xml")
    @Produces(MediaType.WILDCARD)
    public Response messageXml(@PathParam("pk") long pk, @Context SecurityContext security) {
        SessionFilter.operator(security)
                .requireMayAct("download the decrypted message XML (its evidence export"
                        + " holds it for a court, and is logged)");
        StoredMessage m = message(pk);
        audit(security, m, "ops-downloaded", Map.of("what", "message"));
        return download(m.messageXml(), MediaType.APPLICATION_XML + ";charset=UTF-8", m, "message", "xml");
    }

    @GET
    @Path("receipts/{n}")
    @Produces(MediaType.WILDCARD)
    public Response receipt(@PathParam("pk") long pk, @PathParam("n") int n, @Context SecurityContext security) {
        StoredMessage m = message(pk);
        List<StoredReceipt> receipts = reads.receipts(pk);
        if (n < 1 || n > receipts.size()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "no receipt " + n + " for message " + m.messageId());
        }
        audit(security, m, "ops-downloaded", Map.of("what", "receipt-" + n));
        return download(receipts.get(n - 1).xml(), SOAP, m, "receipt-" + n, "xml");
    }

    @POST
    @Path("verify")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(
            @PathParam("pk") long pk,
            @FormParam("csrf") String csrf,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        StoredMessage m = message(pk);
        Evidence.Report report = evidence.verify(pk);
        audit(security, m, "ops-verified", Map.of("outcome", report.ok() ? "passed" : "FAILED"));
        LOG.info(
                "operator {} verified message {}: {}",
                session.name(),
                report.messageId(),
                report.ok() ? "all checks passed" : "a check FAILED");
        return page(pk, session, layout.languages().messages(session, acceptLanguage), report, null);
    }

    /**
     * One document of the message, decrypted from the store as it is sent ({@link DocumentAttachment}).
     * Only a reader of message content may fetch it (not the auditor, who reads persons masked), and
     * each fetch is a {@link PersonFields#READ_EVENT} entry: a document is content, like the message.
     */
    @GET
    @Path("documents/{documentId}")
    @Produces(MediaType.WILDCARD)
    public Response document(
            @PathParam("pk") long pk,
            @PathParam("documentId") String documentId,
            @HeaderParam("Range") String range,
            @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        session.requireMayAct("download a message's documents (their content is not masked)");
        StoredMessage m = message(pk);
        StoredDocument doc = reads.documents(pk).stream()
                .filter(d -> d.documentId().equals(documentId))
                .findFirst()
                .orElseThrow(() -> new GatewayException(
                        ErrorCode.NOT_FOUND, "no document " + documentId + " in message " + m.messageId()));
        Response answer = DocumentAttachment.of(reads, doc, m.messageId(), range);
        if (answer.getStatus() < 300) {
            audit(
                    session.name(),
                    m,
                    PersonFields.READ_EVENT,
                    Map.of("view", "ops-document", "document", doc.documentId(), "masked", false));
        }
        return answer;
    }

    /**
     * The evidence bundle (a zip anyone can check with xmlsec1, openssl and sh). A POST with the
     * CSRF token, because exporting may sign a checkpoint of the log first.
     */
    @POST
    @Path("evidence.zip")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces("application/zip")
    public Response exportEvidence(
            @PathParam("pk") long pk, @FormParam("csrf") String csrf, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        StoredMessage m = message(pk);
        // Written straight to the answer, never to a temporary file: the bundle holds the documents
        // decrypted, and a file would leave them in clear on disk. A check that fails before the
        // first byte (no checkpoint covers the message yet) is still answered as a problem. The
        // export is logged once written, as before, so that the bundle's checkpoint need not cover
        // its own export entry; an export that broke off is logged too, as not complete.
        String name = DocumentAttachment.safe(m.messageId()) + ".evidence.zip";
        StreamingOutput body = out -> {
            boolean complete = false;
            try {
                evidence.export(pk, out);
                complete = true;
            } finally {
                audit(session.name(), m, "ops-evidence-exported", complete ? Map.of() : Map.of("complete", false));
                LOG.info(
                        "operator {} exported the evidence of message {}{}",
                        session.name(),
                        m.messageId(),
                        complete ? "" : " (not completed)");
            }
        };
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .build();
    }

    @POST
    @Path("requeue")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requeue(
            @PathParam("pk") long pk, @FormParam("csrf") String csrf, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        session.requireMayAct("re-queue messages");
        QueueItem item = outbox.requeueFailed(pk, session.name());
        return Layout.seeOther(OperatorPages.PATH + "/messages/" + pk + "?requeued=" + item.id());
    }

    /**
     * Every look at a stored message's content is in the message log with the operator's name:
     * the envelope and the message hold personal data.
     */
    private void audit(SecurityContext security, StoredMessage m, String event, Map<String, Object> details) {
        audit(SessionFilter.operator(security).name(), m, event, details);
    }

    private void audit(String actor, StoredMessage m, String event, Map<String, Object> details) {
        Map<String, Object> all = new java.util.TreeMap<>(details);
        all.put("direction", m.direction().name());
        all.put("partner", m.partner());
        messageLog.append(m.pk(), List.of(LogEvent.of(event, m.messageId(), m.conversationId(), actor, all)));
    }

    private StoredMessage message(long pk) {
        return reads.message(pk).orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no message " + pk));
    }

    /** The stored bytes as an attachment, named after the message id (reduced to safe characters). */
    private static Response download(byte[] bytes, String mediaType, StoredMessage m, String what, String ext) {
        String name = DocumentAttachment.safe(m.messageId()) + "." + what + "." + ext;
        return Response.ok(bytes, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Content-Length", bytes.length)
                .build();
    }

    /** The detail page; {@code report} the verification just run and {@code requeued} the new item, or null. */
    Response page(long pk, OperatorSession session, Messages t, Evidence.Report report, Long requeued) {
        StoredMessage m = message(pk);
        PersonFields persons = PersonFields.of(m.messageXml()).shown(session.masksPersonFields());
        Map<String, Object> page = new HashMap<>();
        page.put("m", m);
        page.put("subject", subject(m));
        page.put("requeued", requeued);
        page.put("report", report);
        page.put("persons", persons);
        page.put("items", reads.queueItemsOf(pk));
        page.put("timeline", messageLog.timeline(m.pk()));
        page.put("receipts", reads.receipts(pk));
        page.put("attempts", m.direction() == Direction.OUT ? reads.attempts(pk) : null);
        page.put("documents", reads.documents(pk));
        page.put("now", clock.instant());
        Frame frame =
                layout.frame(t.get("msg.title", m.messageId()), session, t, OperatorPages.PATH + "/messages/" + pk);
        Response response = layout.ok("message.jte", frame, page);
        if (!persons.isEmpty()) {
            readPersons(m, session, persons);
        }
        return response;
    }

    /**
     * Showing the persons a message names (masked for an auditor, {@link PersonFields}) is one
     * {@link PersonFields#READ_EVENT} entry in the message log, whoever reads.
     */
    private void readPersons(StoredMessage m, OperatorSession session, PersonFields persons) {
        audit(
                session.name(),
                m,
                PersonFields.READ_EVENT,
                Map.of(
                        "view",
                        "ops-message",
                        "masked",
                        session.masksPersonFields(),
                        "persons",
                        persons.persons().size()));
    }

    private String subject(StoredMessage m) {
        LogQuery sameId = LogQuery.builder()
                .messageId(m.messageId())
                .limit(LogQuery.MAX_LIMIT)
                .build();
        for (LogRow r : search.search(sameId).rows()) {
            if (!r.isRejection() && r.key() == m.pk()) {
                return r.subject();
            }
        }
        return null;
    }
}
