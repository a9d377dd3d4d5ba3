package org.mlagateway.pages;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The pages' one style sheet, from the jar: nothing is loaded from elsewhere (the gateway may be offline). */
@Path("/static")
public final class StaticAssets {
    private final byte[] css;

    StaticAssets() {
        try (InputStream in = StaticAssets.class.getResourceAsStream("ops.css")) {
            if (in == null) {
                throw new IllegalStateException("ops.css is missing from the jar");
            }
            this.css = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("ops.css")
    @Produces("text/css;charset=UTF-8")
    public Response css() {
        return Response.ok(css).build();
    }
}
