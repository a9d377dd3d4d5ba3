package org.mlagateway.store;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.xml.LegalBasisKind;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.message.xml.RequestType;

/** Test messages: synthetic ids and content, never real data. */
final class Samples {
    static final String SENDER = "RU-GPO";
    /** The facts every sample incoming message shares: a request for service of documents. */
    private static final MessageSummary REQUEST = new MessageSummary(
            UUID.randomUUID(),
            UUID.randomUUID(),
            null,
            OffsetDateTime.parse("2026-01-01T00:00:00Z"),
            SENDER,
            "RU",
            "KZ-GPO",
            "KZ",
            MessageKind.MLA_REQUEST,
            RequestType.MLA_SERVICE_OF_DOCUMENTS,
            List.of(new MessageSummary.LegalBasisSummary(LegalBasisKind.MULTILATERAL_CONVENTION, "ETS-030", false)),
            "ru",
            List.of("ru"),
            null,
            null,
            null,
            List.of(),
            List.of(),
            null,
            null,
            null,
            List.of(),
            null);

    private Samples() {}

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static byte[] xml(String messageId, String variant) {
        return ("<msg:Message id=\"" + messageId + "\">" + variant + "</msg:Message>").getBytes(StandardCharsets.UTF_8);
    }

    static DocumentData document(String id, int size) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i * 31 + id.hashCode());
        }
        return new DocumentData(id, "request", "ru", "application/pdf", content, null);
    }

    static IncomingMessage incoming(String messageId, String variant, Routing routing) {
        return incoming(messageId, variant, routing, 1024);
    }

    static IncomingMessage incoming(String messageId, String variant, Routing routing, int documentSize) {
        return IncomingMessage.received(
                summary(messageId),
                SENDER,
                ("<soap:Envelope>" + variant + "</soap:Envelope>").getBytes(StandardCharsets.UTF_8),
                xml(messageId, variant),
                List.of(document("doc-1", documentSize)),
                routing);
    }

    /** The summary of sample message {@code messageId} (a UUID), in conversation {@link #conversationOf}. */
    static MessageSummary summary(String messageId) {
        return REQUEST.withIdentity(UUID.fromString(messageId), conversationOf(messageId), null, REQUEST.createdAt());
    }

    static UUID conversationOf(String messageId) {
        return UUID.nameUUIDFromBytes(("conv-" + messageId).getBytes(StandardCharsets.UTF_8));
    }

    static IncomingMessage incoming(String messageId) {
        return incoming(messageId, "v1", Routing.to(Queue.FORWARDING, "KZ-MVD", 5));
    }

    static OutgoingMessage outgoing(String messageId, Queue queue) {
        return new OutgoingMessage(
                messageId,
                "TR-MOJ",
                "ExtraditionRequest",
                null,
                "conv-" + messageId,
                null,
                xml(messageId, "out"),
                List.of(document("doc-1", 512)),
                Routing.to(queue, "TR-MOJ", 5));
    }

    static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
