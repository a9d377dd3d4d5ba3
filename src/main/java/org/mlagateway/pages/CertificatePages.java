package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    public Response page(@Context SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        Instant now = clock.instant();
        List<Certificates.Entry> expiring = certificates.expiringWithin(Certificates.EXPIRY_WARNING, now);
        Html h = new Html();
        h.el(
                "p",
                certificates.all().size() + " certificates in use; those that expire within "
                        + Certificates.EXPIRY_WARNING.toDays() + " days are listed here, the soonest first.",
                "class",
                "hint");
        if (expiring.isEmpty()) {
            h.el(
                    "p",
                    "No certificate expires within " + Certificates.EXPIRY_WARNING.toDays() + " days.",
                    "class",
                    "notice",
                    "id",
                    "none-expiring");
            return layout.ok("Certificates", session, h);
        }
        h.open("table", "id", "expiring").headerRow("Owner", "Role", "Serial (hex)", "Not after (UTC)", "Days left");
        for (Certificates.Entry c : expiring) {
            long days = c.daysLeft(now);
            h.open("tr", "class", days < 0 ? "overdue" : null)
                    .td(c.owner())
                    .td(c.role())
                    .open("td")
                    .el("code", c.serial())
                    .close("td")
                    .td(Html.time(c.notAfter()))
                    .td(days < 0 ? "expired" : Long.toString(days), "class", "num")
                    .close("tr");
        }
        h.close("table");
        return layout.ok("Certificates", session, h);
    }
}
