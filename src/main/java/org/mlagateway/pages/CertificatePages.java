package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.mlagateway.observability.Certificates;

/**
 * The certificates that expire within {@link Certificates#EXPIRY_WARNING}, ours and the partners',
 * with the days left: the same inventory {@code /health} and {@code /metrics} report, so that a key
 * or a partner certificate is rolled before it stops messages. Certificates are named by owner,
 * role and serial number, never by subject.
 */
@Path("/certificates")
@Produces(Layout.HTML)
public final class CertificatePages {
    private final Certificates certificates;
    private final Layout layout;
    private final Clock clock;

    CertificatePages(Certificates certificates, Layout layout, Clock clock) {
        this.certificates = certificates;
        this.layout = layout;
        this.clock = clock;
    }

    @GET
    public Response page(
            @Context SecurityContext security, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = SessionFilter.operator(security);
        Messages t = layout.languages().messages(session, acceptLanguage);
        Instant now = clock.instant();
        Map<String, Object> page = new HashMap<>();
        page.put("total", certificates.all().size());
        page.put("warningDays", Certificates.EXPIRY_WARNING.toDays());
        page.put("expiring", certificates.expiringWithin(Certificates.EXPIRY_WARNING, now));
        page.put("now", now);
        Frame frame = layout.frame(t.get("certs.title"), session, t, OperatorPages.PATH + "/certificates");
        return layout.ok("certificates.jte", frame, page);
    }
}
