package org.mlagateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mlagateway.config.ApiRole;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.register.Register;
import org.mlagateway.register.RegisterPerson;
import org.mlagateway.store.RegisterStore;

/**
 * The register of citizens prosecuted or serving sentences abroad (docs/register.md): search and CSV
 * export for the role {@code register}, each read logged; consular confirmations for the role
 * {@code consular}, idempotent by {@code Idempotency-Key} as submissions are.
 */
@Path("/register")
public final class RegisterResource {
    /** The CSV export's media type (RFC 4180). */
    static final String CSV = "text/csv;charset=UTF-8";

    private final Register register;
    private final ObjectMapper json;

    RegisterResource(Register register, ObjectMapper json) {
        this.register = register;
        this.json = json;
    }

    /** One entry as the API shows it. */
    record EntryView(
            String entryId,
            RegisterPerson person,
            String state,
            String basis,
            String caseReference,
            List<SourceView> sources,
            Instant createdAt,
            Instant updatedAt) {
        static EntryView of(Register.Entry e) {
            var s = e.stored();
            return new EntryView(
                    s.entryId(),
                    e.person(),
                    s.state(),
                    s.basis(),
                    s.caseRef(),
                    s.sources().stream()
                            .map(x -> new SourceView(x.event(), x.date(), x.messageId(), x.ref()))
                            .toList(),
                    s.createdAt(),
                    s.updatedAt());
        }
    }

    record SourceView(String event, LocalDate date, String messageId, String ref) {}

    record PageView(List<EntryView> entries, Long next) {}

    record Confirmed(String entryId, boolean replayed) {}

    /** The body of a confirmation; {@code date} is the confirmed event's date, may be null. */
    record ConfirmationBody(RegisterPerson person, String state, String caseReference, String basis, LocalDate date) {}

    /**
     * A page of matches as JSON, or every match (up to {@link Register#MAX_EXPORT}) as CSV when the client
     * asks for {@code text/csv} in {@code Accept} or with {@code format=csv}.
     */
    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response search(
            @QueryParam("name") String name,
            @QueryParam("iin") String iin,
            @QueryParam("after") @DefaultValue("0") long after,
            @QueryParam("limit") @DefaultValue("25") int limit,
            @QueryParam("format") String format,
            @HeaderParam("Accept") String accept,
            @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        caller.require(caller.has(ApiRole.REGISTER), "read the register");
        if ("csv".equals(format) || accept != null && accept.contains("text/csv")) {
            String csv = register.csv(new Register.Query(name, iin, after, 1), caller.name(), "api-register-csv");
            return Response.ok(csv, CSV)
                    .header("Content-Disposition", "attachment; filename=\"register.csv\"")
                    .build();
        }
        Register.Page page =
                register.search(new Register.Query(name, iin, after, limit), caller.name(), "api-register");
        return Response.ok(
                        new PageView(page.entries().stream().map(EntryView::of).toList(), page.next()),
                        MediaType.APPLICATION_JSON)
                .build();
    }

    @POST
    @Path("confirmations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response confirm(byte[] body, @HeaderParam("Idempotency-Key") String key, @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        caller.require(caller.has(ApiRole.CONSULAR), "enter consular confirmations");
        if (key == null || key.isBlank() || key.length() > 128) {
            throw new GatewayException(
                    ErrorCode.INVALID_REQUEST, "an Idempotency-Key header (1-128 characters) is required");
        }
        ConfirmationBody c = parse(body);
        RegisterStore.Confirmed done = register.confirm(
                new Register.Confirmation(c.person(), c.state(), c.caseReference(), c.basis(), c.date()),
                caller.name(),
                key,
                sha256(body));
        return Response.status(done.replayed() ? 200 : 201)
                .entity(new Confirmed(done.entryId(), done.replayed()))
                .build();
    }

    private ConfirmationBody parse(byte[] body) {
        try {
            ConfirmationBody c = json.readValue(body, ConfirmationBody.class);
            if (c == null) {
                throw new GatewayException(ErrorCode.INVALID_REQUEST, "the body is not a confirmation: null");
            }
            return c;
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof GatewayException g) {
                    throw g;
                }
            }
            throw new GatewayException(
                    ErrorCode.INVALID_REQUEST,
                    "the body is not a confirmation: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
