package org.mlagateway.pages;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlagateway.store.LogCheckpoints;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.ProgressListener;
import org.mlagateway.store.VerifyReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies the whole message log from its first entry, as {@code gateway log verify} does: the hash
 * chain, the checkpoints and the head. For operators and auditors alike; each run is a message-log
 * entry ({@code ops-log-verified}) with the outcome and the number of entries checked.
 */
@Path("/log/verify")
@Produces(Layout.HTML)
public final class LogVerifyPages {
    private static final Logger LOG = LoggerFactory.getLogger(LogVerifyPages.class);
    private final LogCheckpoints checkpoints;
    private final MessageLog messageLog;
    private final Layout layout;

    <S extends LogCheckpoints & MessageLog> LogVerifyPages(S store, Layout layout) {
        this.checkpoints = store;
        this.messageLog = store;
        this.layout = layout;
    }

    @GET
    public Response form(
            @Context SecurityContext security, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        return page(session, acceptLanguage, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(
            @FormParam("csrf") String csrf,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        Csrf.require(session, csrf);
        VerifyReport report = checkpoints.verify(1, ProgressListener.NONE);
        Map<String, Object> details = new TreeMap<>();
        details.put("outcome", report.ok() ? "passed" : "FAILED");
        details.put("entriesChecked", report.entriesChecked());
        details.put("checkpointsChecked", report.checkpointsChecked());
        report.problem().ifPresent(p -> details.put("firstBadSeq", p.seq()));
        messageLog.append(List.of(LogEvent.of("ops-log-verified", null, null, session.name(), details)));
        LOG.info("{} verified the message log: {}", session.name(), report.ok() ? "passed" : "FAILED");
        return page(session, acceptLanguage, report);
    }

    private Response page(OperatorSession session, String acceptLanguage, VerifyReport report) {
        Messages t = layout.languages().messages(session, acceptLanguage);
        Frame frame = layout.frame(t.get("verify.title"), session, t, OperatorPages.PATH + "/log/verify");
        Map<String, Object> page = new HashMap<>();
        page.put("report", report);
        return layout.ok("logverify.jte", frame, page);
    }
}
