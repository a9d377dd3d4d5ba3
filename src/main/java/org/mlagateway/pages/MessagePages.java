package org.mlagateway.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.evidence.Evidence;
import org.mlagateway.message.PersonFields;
import org.mlagateway.store.DeliveryAttempt;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.LogQuery;
import org.mlagateway.store.LogRow;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.MessageStatus;
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
 * the decrypted message XML and the receipts, and the actions on it: verify the stored message
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
            @PathParam("pk") long pk, @QueryParam("requeued") Long requeued, @Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        Html notice = null;
        if (requeued != null) {
            notice = new Html()
                    .el(
                            "p",
                            "Re-queued for sending as item " + requeued + "; the message log records it"
                                    + " as 'requeued' by " + session.name() + ".",
                            "class",
                            "notice",
                            "id",
                            "notice");
        }
        return page(pk, session, notice);
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
            @PathParam("pk") long pk, @FormParam("csrf") String csrf, @Context SecurityContext security) {
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
        return page(pk, session, verification(report));
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
            @PathParam("pk") long pk, @FormParam("csrf") String csrf, @Context SecurityContext security)
            throws IOException {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        StoredMessage m = message(pk);
        // Written to a temporary file, not held in memory: a bundle of a large message holds its
        // envelope and decrypted message more than once, and the gateway may be receiving meanwhile.
        // A failure while writing is answered as a problem, never as a cut-off download.
        java.nio.file.Path file = Files.createTempFile("evidence-", ".zip"); // owner-only on POSIX
        file.toFile().deleteOnExit(); // should the client leave before the body is written
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                evidence.export(pk, out);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        audit(security, m, "ops-evidence-exported", Map.of());
        LOG.info("operator {} exported the evidence of message {}", session.name(), m.messageId());
        String name = m.messageId().replaceAll("[^A-Za-z0-9._-]", "_") + ".evidence.zip";
        StreamingOutput body = out -> {
            try {
                Files.copy(file, out);
            } finally {
                Files.deleteIfExists(file);
            }
        };
        return Response.ok(body, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Content-Length", Files.size(file))
                .build();
    }

    /** The result of each named check, failures first in the reader's eye by their class. */
    static Html verification(Evidence.Report report) {
        Html h = new Html();
        h.open("section", "class", report.ok() ? "notice" : "problem", "id", "verification")
                .el("h2", report.ok() ? "Verified: every check passed or does not apply yet" : "Verification FAILED")
                .open("table", "id", "checks")
                .headerRow("Check", "Outcome", "Detail");
        for (Evidence.Check c : report.checks()) {
            h.open("tr", "class", "check-" + c.outcome().name().toLowerCase(java.util.Locale.ROOT))
                    .td(c.name())
                    .td(c.outcome().name(), "class", "outcome")
                    .td(c.detail())
                    .close("tr");
        }
        return h.close("table").close("section");
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
        String name = m.messageId().replaceAll("[^A-Za-z0-9._-]", "_") + "." + what + "." + ext;
        return Response.ok(bytes, mediaType)
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Content-Length", bytes.length)
                .build();
    }

    Response page(long pk, OperatorSession session, Html verification) {
        StoredMessage m = message(pk);
        Instant now = clock.instant();
        String base = OperatorPages.PATH + "/messages/" + pk;
        Html h = new Html();
        if (verification != null) {
            h.markup(verification.toString());
        }
        header(h, m, subject(m));
        persons(h, m, session);
        h.el("h2", "Routing");
        routing(h, reads.queueItemsOf(pk), now);
        h.el("h2", "Downloads").open("ul", "class", "downloads");
        if (m.envelope() != null) {
            h.open("li")
                    .open("a", "href", base + "/envelope", "id", "download-envelope")
                    .text("Raw envelope (as " + (m.direction() == Direction.IN ? "received" : "sent") + ")")
                    .close("a")
                    .close("li");
        }
        if (!session.auditor()) {
            h.open("li")
                    .open("a", "href", base + "/message.xml", "id", "download-message")
                    .text("Decrypted message XML")
                    .close("a")
                    .close("li");
        }
        h.close("ul");
        h.el("h2", "Actions").open("div", "class", "actions");
        h.postButton(base + "/verify", session.csrf(), "Verify stored message", "primary");
        h.postButton(base + "/evidence.zip", session.csrf(), "Export evidence (zip)", null);
        if (!session.auditor() && m.direction() == Direction.OUT && m.status() == MessageStatus.FAILED) {
            h.postButton(base + "/requeue", session.csrf(), "Re-queue for sending", "warn");
        }
        h.close("div");
        h.el("h2", "Timeline");
        timeline(h, messageLog.timeline(m.pk()));
        h.el("h2", "Receipts");
        receipts(h, reads.receipts(pk), base);
        if (m.direction() == Direction.OUT) {
            h.el("h2", "Delivery attempts");
            attempts(h, reads.attempts(pk));
        }
        h.el("h2", "Documents");
        documents(h, reads.documents(pk));
        return layout.ok("Message " + m.messageId(), session, h);
    }

    /**
     * The persons the message names, masked for an auditor ({@link PersonFields}); showing them is
     * one {@link PersonFields#READ_EVENT} entry in the message log, whoever reads.
     */
    private void persons(Html h, StoredMessage m, OperatorSession session) {
        PersonFields persons = PersonFields.of(m.messageXml()).shown(session.masksPersonFields());
        if (persons.isEmpty()) {
            return;
        }
        h.el("h2", "Persons");
        if (session.masksPersonFields()) {
            h.el("p", "Person fields are masked for the auditor role.", "class", "hint", "id", "masked");
        }
        h.open("table", "id", "persons")
                .headerRow("Role", "Name (language, script)", "Date of birth", "National id", "Identity document");
        for (PersonFields.Person p : persons.persons()) {
            h.open("tr").td(p.role()).open("td");
            for (PersonFields.Name n : p.names()) {
                h.el("div", n.full() + " (" + n.language() + ", " + n.script() + ")", "class", "person-name");
            }
            h.close("td").td(p.birthDate()).open("td");
            p.nationalIds().forEach(i -> h.el("div", i.kind() + " " + i.number()));
            h.close("td").open("td");
            p.documents().forEach(d -> h.el("div", d.kind() + " " + d.country() + " " + d.number()));
            h.close("td").close("tr");
        }
        h.close("table");
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

    private static void header(Html h, StoredMessage m, String subject) {
        h.open("table", "class", "fields", "id", "header");
        field(h, "Message id", m.messageId());
        field(h, "Direction", m.direction() == Direction.IN ? "IN (received)" : "OUT (sent)");
        field(h, "Partner", m.partner());
        field(h, "Kind", m.kind());
        field(h, "Request type", m.requestType());
        field(h, "Subject", subject);
        h.open("tr").th("Conversation").open("td");
        if (m.conversationId() != null) {
            h.link(LogFilters.only("conversationId", m.conversationId()), m.conversationId());
            h.text(" ").link(CasePages.path(m.conversationId()), "case");
        }
        h.close("td").close("tr");
        h.open("tr").th("In reply to").open("td");
        if (m.inReplyTo() != null) {
            h.link(LogFilters.only("messageId", m.inReplyTo()), m.inReplyTo());
        }
        h.close("td").close("tr");
        field(h, "Status", m.status().dbName());
        field(h, "Stored", Html.time(m.createdAt()));
        field(h, "Received", Html.time(m.receivedAt()));
        field(h, "Updated", Html.time(m.updatedAt()));
        field(h, "Content SHA-256", m.contentSha256());
        h.close("table");
    }

    private static void field(Html h, String name, String value) {
        h.open("tr").th(name).td(value).close("tr");
    }

    private static void routing(Html h, List<QueueItem> items, Instant now) {
        if (items.isEmpty()) {
            h.el("p", "No queue item.", "class", "hint");
            return;
        }
        h.open("table", "id", "routing")
                .headerRow(
                        "Item",
                        "Queue",
                        "Target body / partner",
                        "State",
                        "Priority",
                        "Due",
                        "Flag",
                        "Lease",
                        "Attempts",
                        "Last error");
        for (QueueItem i : items) {
            boolean overdue = i.dueAt() != null && i.dueAt().isBefore(now) && i.state() != QueueItem.State.DONE;
            h.open("tr", "class", overdue ? "overdue" : null)
                    .td(Long.toString(i.id()))
                    .td(i.queue().dbName())
                    .td(i.target())
                    .td(i.state().name())
                    .td(Integer.toString(i.priority()))
                    .td(i.dueAt() == null ? "" : Html.time(i.dueAt()) + (overdue ? " (overdue)" : ""))
                    .td(i.flag() == null ? "" : i.flag() + (i.flagReason() == null ? "" : ": " + i.flagReason()))
                    .td(i.leaseOwner() == null ? "" : i.leaseOwner() + " until " + Html.time(i.leaseUntil()))
                    .td(Integer.toString(i.attempts()))
                    .td(i.lastError())
                    .close("tr");
        }
        h.close("table");
    }

    private static void timeline(Html h, List<LogEntry> entries) {
        h.open("table", "id", "timeline").headerRow("Seq", "Time (UTC)", "Event", "Actor", "Details");
        for (LogEntry e : entries) {
            h.open("tr")
                    .td(Long.toString(e.seq()))
                    .td(Html.time(e.at()))
                    .td(e.event())
                    .td(e.actor())
                    .open("td")
                    .el("code", e.details())
                    .close("td")
                    .close("tr");
        }
        h.close("table");
    }

    private static void receipts(Html h, List<StoredReceipt> receipts, String base) {
        if (receipts.isEmpty()) {
            h.el("p", "No receipt yet.", "class", "hint");
            return;
        }
        h.open("table", "id", "receipts").headerRow("Receipt", "Status", "Proves log entry", "Time (UTC)", "Download");
        int n = 1;
        for (StoredReceipt r : receipts) {
            h.open("tr")
                    .td(StoredReceipt.ISSUED.equals(r.direction()) ? "issued by us" : "received from the partner")
                    .td(r.status())
                    .td(r.logSeq() == null ? "" : Long.toString(r.logSeq()))
                    .td(Html.time(r.createdAt()))
                    .open("td")
                    .link(base + "/receipts/" + n, "receipt XML")
                    .close("td")
                    .close("tr");
            n++;
        }
        h.close("table");
    }

    private static void attempts(Html h, List<DeliveryAttempt> attempts) {
        if (attempts.isEmpty()) {
            h.el("p", "No attempt yet.", "class", "hint");
            return;
        }
        h.open("table", "id", "attempts")
                .headerRow("Attempt", "Time (UTC)", "Outcome", "Error code", "HTTP", "Duration", "Detail");
        for (DeliveryAttempt a : attempts) {
            h.open("tr")
                    .td(Integer.toString(a.attemptNo()))
                    .td(Html.time(a.at()))
                    .td(a.outcome().name())
                    .td(a.errorCode())
                    .td(a.httpStatus() == null ? "" : a.httpStatus().toString())
                    .td(a.durationMs() + " ms")
                    .td(a.detail())
                    .close("tr");
        }
        h.close("table");
    }

    private static void documents(Html h, List<StoredDocument> documents) {
        if (documents.isEmpty()) {
            h.el("p", "No documents.", "class", "hint");
            return;
        }
        h.open("table", "id", "documents")
                .headerRow("Document", "Type", "Language", "Media type", "Bytes", "SHA-256", "Translation of");
        for (StoredDocument d : documents) {
            h.open("tr")
                    .td(d.documentId())
                    .td(d.type())
                    .td(d.language())
                    .td(d.mediaType())
                    .td(Long.toString(d.size()))
                    .open("td")
                    .el("code", d.sha256())
                    .close("td")
                    .td(d.translationOf())
                    .close("tr");
        }
        h.close("table");
    }
}
