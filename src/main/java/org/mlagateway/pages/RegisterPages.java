package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.config.ApiRole;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.register.Register;

/**
 * The register of citizens prosecuted or serving sentences abroad (docs/register.md): search by name in
 * any script or by IIN, a page of {@link Register#DEFAULT_PAGE} at a time, and CSV export. Only a
 * signed-in client that also holds the role {@code register} (or {@code admin}) reads it; each read is
 * a message-log entry ({@link Register#READ_EVENT}).
 */
@Path("/")
@Produces(Layout.HTML)
public final class RegisterPages {
    static final String CSV = "text/csv;charset=UTF-8";
    private final Register register;
    private final List<ApiClientConfig> clients;
    private final Layout layout;

    RegisterPages(Register register, List<ApiClientConfig> clients, Layout layout) {
        this.register = register;
        this.clients = List.copyOf(clients);
        this.layout = layout;
    }

    @GET
    @Path("register")
    public Response search(
            @QueryParam("name") String name,
            @QueryParam("iin") String iin,
            @QueryParam("after") String after,
            @Context SecurityContext security,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        OperatorSession session = reader(security);
        Messages t = layout.languages().messages(session, acceptLanguage);
        Map<String, Object> page = new HashMap<>();
        page.put("name", name);
        page.put("iin", iin);
        page.put("problem", null);
        page.put("entries", List.of());
        page.put("next", null);
        page.put("csv", OperatorPages.PATH + "/register.csv" + query(name, iin, null));
        Frame frame = layout.frame(t.get("register.title"), session, t);
        try {
            Register.Page found = register.search(
                    new Register.Query(name, iin, cursor(after), Register.DEFAULT_PAGE),
                    session.name(),
                    "ops-register");
            page.put("entries", found.entries());
            page.put(
                    "next",
                    found.next() == null ? null : OperatorPages.PATH + "/register" + query(name, iin, found.next()));
        } catch (GatewayException e) {
            if (e.code() != ErrorCode.INVALID_REQUEST && e.code() != ErrorCode.INVALID_IIN) {
                throw e;
            }
            page.put("problem", e.code() == ErrorCode.INVALID_IIN ? t.get("register.invalidIin") : e.getMessage());
            return Response.status(400)
                    .type(Layout.HTML)
                    .entity(layout.page("register.jte", frame, page))
                    .build();
        }
        return Response.ok(layout.page("register.jte", frame, page), Layout.HTML)
                .build();
    }

    @GET
    @Path("register.csv")
    @Produces(CSV)
    public Response csv(
            @QueryParam("name") String name, @QueryParam("iin") String iin, @Context SecurityContext security) {
        OperatorSession session = reader(security);
        String csv = register.csv(new Register.Query(name, iin, 0, 1), session.name(), "ops-register-csv");
        return Response.ok(csv, CSV)
                .header("Content-Disposition", "attachment; filename=\"register.csv\"")
                .build();
    }

    private OperatorSession reader(SecurityContext security) {
        OperatorSession session = SessionFilter.operator(security);
        boolean may = !session.auditor()
                && clients.stream()
                        .filter(c -> c.name().equals(session.name()))
                        .anyMatch(c -> c.roles().contains(ApiRole.REGISTER)
                                || c.roles().contains(ApiRole.ADMIN));
        if (!may) {
            throw new GatewayException(
                    ErrorCode.FORBIDDEN, "client " + session.name() + " does not hold the register role");
        }
        return session;
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "after is a cursor from a previous page");
        }
    }

    private static String query(String name, String iin, Long after) {
        StringBuilder q = new StringBuilder();
        append(q, "name", name);
        append(q, "iin", iin);
        append(q, "after", after == null ? null : after.toString());
        return q.toString();
    }

    private static void append(StringBuilder q, String key, String value) {
        if (value != null && !value.isBlank()) {
            q.append(q.length() == 0 ? '?' : '&')
                    .append(key)
                    .append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
