package org.mlagateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.mlagateway.config.ApiRole;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.exchange.OutboundSubmissions;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.PersonFields;
import org.mlagateway.message.xml.Message;
import org.mlagateway.store.LogEvent;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.MessageStatus;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.SubmitResult;

/**
 * Outgoing messages and what became of messages: submit (XML per {@code schemas/}, or JSON of the
 * same model), status with its timeline, and whole conversations. A submission returns only after
 * its commit; an {@code Idempotency-Key} makes a repeat return the first result.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public final class MessagesResource {
    private final MessageReads reads;
    private final MessageLog messageLog;
    private final OutboundSubmissions submissions;
    private final MessageCodec codec;
    private final ObjectMapper json;
    private final Visibility visibility;

    <S extends MessageReads & MessageLog> MessagesResource(
            S store, OutboundSubmissions submissions, MessageCodec codec, ObjectMapper json, Visibility visibility) {
        this.visibility = visibility;
        this.reads = store;
        this.messageLog = store;
        this.submissions = submissions;
        this.codec = codec;
        this.json = json;
    }

    @POST
    @Path("messages")
    @Consumes({MediaType.APPLICATION_XML, "text/xml"})
    public Response submitXml(
            byte[] xml, @HeaderParam("Idempotency-Key") String key, @Context SecurityContext request) {
        return submit(xml, key, request);
    }

    @POST
    @Path("messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submitJson(
            byte[] body, @HeaderParam("Idempotency-Key") String key, @Context SecurityContext request) {
        Caller.of(request);
        Message message;
        try {
            message = json.readValue(body, Message.class);
        } catch (IOException e) {
            throw new GatewayException(
                    ErrorCode.SCHEMA_INVALID,
                    "the JSON is not a message: " + e.getClass().getSimpleName());
        }
        if (message == null) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the JSON is not a message: null");
        }
        return submit(codec.write(message), key, request);
    }

    private Response submit(byte[] xml, String key, SecurityContext request) {
        Caller caller = Caller.of(request);
        caller.require(caller.body() != null || caller.has(ApiRole.ADMIN), "submit messages");
        if (key == null || key.isBlank() || key.length() > 128) {
            throw new GatewayException(
                    ErrorCode.INVALID_REQUEST, "an Idempotency-Key header (1-128 characters) is required");
        }
        SubmitResult result = submissions.submit(
                xml, caller.name(), key, (header, partner) -> visibility.requireMayReply(caller, header, partner));
        String status = reads.message(result.messagePk())
                .map(StoredMessage::status)
                .orElse(MessageStatus.QUEUED)
                .dbName();
        return Response.status(result.replayed() ? 200 : 201)
                .entity(new Views.Submitted(result.messageId(), status, result.logSeq(), result.replayed()))
                .build();
    }

    /**
     * The stored messages with this id that the caller may see, each with its own timeline. An id
     * is unique per direction and partner only: a partner's message that reuses one of ours is
     * judged, and timed, apart from ours.
     */
    @GET
    @Path("messages/{id}")
    public List<Views.MessageView> message(@PathParam("id") String id, @Context SecurityContext request) {
        Caller caller = Caller.of(request);
        List<StoredMessage> found = visible(caller, reads.messagesById(id), "no message " + id);
        return found.stream()
                .map(m -> {
                    PersonFields persons = persons(caller, m);
                    return Views.MessageView.of(m, messageLog.timeline(m.pk()), persons);
                })
                .toList();
    }

    /**
     * The persons of a message as the caller may see them; an operator's or auditor's read of them
     * is one {@link PersonFields#READ_EVENT} entry (ids and the view only, never a value).
     */
    private PersonFields persons(Caller caller, StoredMessage m) {
        PersonFields persons = PersonFields.of(m.messageXml()).shown(caller.masksPersonFields());
        if (!persons.isEmpty() && caller.readsAreLogged()) {
            messageLog.append(
                    m.pk(),
                    List.of(LogEvent.of(
                            PersonFields.READ_EVENT,
                            m.messageId(),
                            m.conversationId(),
                            caller.name(),
                            Map.of(
                                    "view",
                                    "api-message",
                                    "masked",
                                    caller.masksPersonFields(),
                                    "persons",
                                    persons.persons().size(),
                                    "direction",
                                    m.direction().name(),
                                    "partner",
                                    m.partner()))));
        }
        return persons;
    }

    @GET
    @Path("conversations/{id}")
    public List<Views.MessageView> conversation(@PathParam("id") String id, @Context SecurityContext request) {
        List<StoredMessage> messages = visible(Caller.of(request), reads.conversation(id), "no conversation " + id);
        return messages.stream().map(m -> Views.MessageView.of(m, null, null)).toList();
    }

    /**
     * The messages found that the caller may see: 404 when there are none, 403 when there are some
     * but the caller may see none of them.
     */
    private List<StoredMessage> visible(Caller caller, List<StoredMessage> found, String notFound) {
        if (found.isEmpty()) {
            throw new GatewayException(ErrorCode.NOT_FOUND, notFound);
        }
        List<StoredMessage> seen =
                found.stream().filter(m -> visibility.canSee(caller, m)).toList();
        caller.require(!seen.isEmpty(), "read " + notFound.substring("no ".length()));
        return seen;
    }
}
