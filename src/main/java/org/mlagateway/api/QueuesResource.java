package org.mlagateway.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import org.mlagateway.config.ApiRole;
import org.mlagateway.download.DocumentDownload;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.routing.Translation;
import org.mlagateway.routing.Translations;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.Queue;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.QueueStore;
import org.mlagateway.store.StoredDocument;

/**
 * Queue work under leases: a domestic system claims its own body's forwarding items, a translator
 * claims translation items; then ack (idempotent), nack with a reason and a delay, download the
 * message and its documents, and post translations. A lease that runs out returns the item to
 * its queue; the lease owner is the client's name.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class QueuesResource {
    static final int MAX_CLAIM = 100;

    private final QueueStore queues;
    private final MessageReads reads;
    private final Translations translations;
    private final Duration lease;

    <S extends QueueStore & MessageReads> QueuesResource(S store, Translations translations, Duration lease) {
        this.queues = store;
        this.reads = store;
        this.translations = translations;
        this.lease = lease;
    }

    @POST
    @Path("queues/{queue}/claim")
    public List<Views.ItemView> claim(
            @PathParam("queue") String name,
            @QueryParam("max") @DefaultValue("10") int max,
            @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        if (max < 1 || max > MAX_CLAIM) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "max must be between 1 and " + MAX_CLAIM);
        }
        Queue queue = Queue.named(name)
                .filter(q -> q != Queue.SEND)
                .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no claimable queue " + name));
        String target =
                switch (queue) {
                    case FORWARDING -> {
                        caller.require(caller.body() != null, "claim forwarding items");
                        yield caller.body();
                    }
                    case TRANSLATION, TRANSLATION_OUTBOUND -> {
                        caller.require(caller.has(ApiRole.TRANSLATOR), "claim translation items");
                        yield null;
                    }
                    case SEND -> throw new IllegalStateException("the sender's queue is not claimable");
                };
        return queues.claim(queue, target, caller.name(), max, lease).stream()
                .map(i -> Views.ItemView.of(i, reads.documents(i.messagePk())))
                .toList();
    }

    @POST
    @Path("items/{id}/ack")
    public Views.ItemView ack(@PathParam("id") long id, @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        allowed(caller, item(id));
        return Views.ItemView.of(queues.ack(id, caller.name()), null);
    }

    @POST
    @Path("items/{id}/nack")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.ItemView nack(@PathParam("id") long id, Views.Nack nack, @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        allowed(caller, item(id));
        if (nack == null || nack.reason() == null || nack.reason().isBlank()) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "a nack needs a reason");
        }
        int delay = nack.delaySeconds() == null ? 0 : nack.delaySeconds();
        if (delay < 0 || delay > 86_400) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "delaySeconds must be between 0 and 86400");
        }
        return Views.ItemView.of(queues.nack(id, caller.name(), nack.reason(), Duration.ofSeconds(delay)), null);
    }

    @GET
    @Path("items/{id}/message")
    @Produces(MediaType.APPLICATION_XML)
    public Response message(@PathParam("id") long id, @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        QueueItem item = item(id);
        allowed(caller, item);
        byte[] xml = reads.message(item.messagePk()).orElseThrow().messageXml();
        return Response.ok(xml, MediaType.APPLICATION_XML + ";charset=UTF-8").build();
    }

    @GET
    @Path("items/{id}/documents/{documentId}")
    @Produces(MediaType.WILDCARD)
    public Response document(
            @PathParam("id") long id,
            @PathParam("documentId") String documentId,
            @HeaderParam("Range") String range,
            @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        QueueItem item = item(id);
        allowed(caller, item);
        StoredDocument doc = reads.documents(item.messagePk()).stream()
                .filter(d -> d.documentId().equals(documentId))
                .findFirst()
                .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no document " + documentId));
        return DocumentDownload.response(reads, doc, range);
    }

    @POST
    @Path("items/{id}/translations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.ItemView translate(
            @PathParam("id") long id, Views.TranslationPost post, @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        caller.require(caller.has(ApiRole.TRANSLATOR), "post translations");
        if (post == null || post.documents() == null || post.documents().isEmpty()) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "post at least one translated document");
        }
        if (post.documents().contains(null)) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "a translated document is null");
        }
        List<Translation> docs = post.documents().stream()
                .map(Views.TranslatedDocument::translation)
                .toList();
        return Views.ItemView.of(translations.complete(id, caller.name(), docs), null);
    }

    /** Open clocks (provisional arrests, respond-by dates) due within {@code days}, earliest first. */
    @GET
    @Path("deadlines")
    public List<Views.Deadline> deadlines(
            @QueryParam("days") @DefaultValue("30") int days, @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        caller.require(caller.has(ApiRole.OPERATOR), "list deadlines");
        if (days < 0 || days > 3660) {
            throw new GatewayException(ErrorCode.INVALID_REQUEST, "days must be between 0 and 3660");
        }
        java.time.Instant now = java.time.Instant.now();
        return queues.dueBefore(now.plus(Duration.ofDays(days))).stream()
                .map(i ->
                        new Views.Deadline(Views.ItemView.of(i, null), i.dueAt().isBefore(now)))
                .toList();
    }

    private QueueItem item(long id) {
        return queues.queueItem(id).orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no queue item " + id));
    }

    /** A domestic system only ever touches its own body's forwarding items; a translator, translation items. */
    private static void allowed(Caller caller, QueueItem item) {
        boolean translation = item.queue().needsTranslator();
        boolean ours = item.queue() == Queue.FORWARDING && item.target().equals(caller.body());
        caller.require(
                ours || translation && caller.has(ApiRole.TRANSLATOR) || caller.has(ApiRole.ADMIN),
                "work on queue item " + item.id());
    }
}
