package org.mlagateway.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Test messages: synthetic ids and content, never real data. */
final class Samples {
    static final String SENDER = "RU-GPO";

    private Samples() {
    }

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
        byte[] xml = xml(messageId, variant);
        return new IncomingMessage(messageId, SENDER, "MutualLegalAssistanceRequest", "ServiceOfDocuments",
                "conv-" + messageId, null, ("<soap:Envelope>" + variant + "</soap:Envelope>").getBytes(StandardCharsets.UTF_8),
                xml, LogHash.sha256(xml), List.of(document("doc-1", documentSize)), routing);
    }

    static IncomingMessage incoming(String messageId) {
        return incoming(messageId, "v1", Routing.to(Queue.FORWARDING, "KZ-MVD", 5));
    }

    static OutgoingMessage outgoing(String messageId, Queue queue) {
        return new OutgoingMessage(messageId, "TR-MOJ", "ExtraditionRequest", null, "conv-" + messageId, null,
                xml(messageId, "out"), List.of(document("doc-1", 512)), Routing.to(queue, "TR-MOJ", 5));
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
