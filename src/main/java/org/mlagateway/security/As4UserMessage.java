package org.mlagateway.security;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The ebMS 3.0 {@code eb:UserMessage} header (ebMS3 core §5.2.2), as much of it as our binding uses
 * (docs/as4.md#the-message): PartyInfo names the two parties, CollaborationInfo the service, action and
 * conversation, MessageProperties {@code originalSender} and {@code finalRecipient}, and PayloadInfo
 * one PartInfo per MIME part with its part properties.
 */
public record As4UserMessage(
        String messageId,
        Instant timestamp,
        Party from,
        Party to,
        String service,
        String action,
        String conversationId,
        Map<String, String> properties,
        List<PartInfo> payloads) {

    /** A party: its PartyId, the id's type, and its role. */
    public record Party(String id, String type, String role) {
        public Party {
            Objects.requireNonNull(id, "party id");
        }
    }

    /** A payload: its {@code cid:} reference and its part properties (CompressionType, MimeType). */
    public record PartInfo(String href, Map<String, String> properties) {
        public PartInfo {
            Objects.requireNonNull(href, "href");
            properties = Map.copyOf(properties);
        }
    }

    public As4UserMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(timestamp, "timestamp");
        properties = Map.copyOf(properties);
        payloads = List.copyOf(payloads);
    }

    /** Appends {@code eb:UserMessage} to {@code messaging}, in the schema's element order. */
    public void appendTo(Element messaging) {
        Document doc = messaging.getOwnerDocument();
        Element user = add(doc, messaging, "UserMessage");
        Element info = add(doc, user, "MessageInfo");
        add(doc, info, "Timestamp").setTextContent(timestamp.toString());
        add(doc, info, "MessageId").setTextContent(messageId);
        Element partyInfo = add(doc, user, "PartyInfo");
        party(doc, add(doc, partyInfo, "From"), from);
        party(doc, add(doc, partyInfo, "To"), to);
        Element collaboration = add(doc, user, "CollaborationInfo");
        add(doc, collaboration, "Service").setTextContent(service);
        add(doc, collaboration, "Action").setTextContent(action);
        add(doc, collaboration, "ConversationId").setTextContent(conversationId);
        if (!properties.isEmpty()) {
            Element props = add(doc, user, "MessageProperties");
            new java.util.TreeMap<>(properties).forEach((name, value) -> property(doc, props, name, value));
        }
        Element payloadInfo = add(doc, user, "PayloadInfo");
        for (PartInfo part : payloads) {
            Element partInfo = add(doc, payloadInfo, "PartInfo");
            partInfo.setAttribute("href", part.href());
            Element props = add(doc, partInfo, "PartProperties");
            new java.util.TreeMap<>(part.properties()).forEach((name, value) -> property(doc, props, name, value));
        }
    }

    /**
     * Reads the one {@code eb:UserMessage} of an {@code eb:Messaging} header, by position. Anything
     * missing or repeated that the binding relies on is {@code MalformedMessage} (ebMS {@code InvalidHeader}).
     */
    public static As4UserMessage read(Element messaging) {
        List<Element> users = Dom.children(messaging, As4Profile.EBMS, "UserMessage");
        if (users.size() != 1 || Dom.elements(messaging).size() != 1) {
            throw invalid("eb:Messaging must hold exactly one eb:UserMessage and nothing else");
        }
        Element user = users.get(0);
        Element info = one(user, "MessageInfo");
        Instant timestamp;
        try {
            timestamp = Instant.parse(text(info, "Timestamp"));
        } catch (DateTimeParseException e) {
            throw invalid("eb:Timestamp is not a UTC date-time");
        }
        Element partyInfo = one(user, "PartyInfo");
        Element collaboration = one(user, "CollaborationInfo");
        Map<String, String> properties = new LinkedHashMap<>();
        Element props = Dom.child(user, As4Profile.EBMS, "MessageProperties");
        if (props != null) {
            readProperties(props, properties);
        }
        List<PartInfo> payloads = new ArrayList<>();
        Element payloadInfo = Dom.child(user, As4Profile.EBMS, "PayloadInfo");
        if (payloadInfo != null) {
            for (Element partInfo : Dom.children(payloadInfo, As4Profile.EBMS, "PartInfo")) {
                Map<String, String> partProps = new LinkedHashMap<>();
                Element pp = Dom.child(partInfo, As4Profile.EBMS, "PartProperties");
                if (pp != null) {
                    readProperties(pp, partProps);
                }
                payloads.add(new PartInfo(partInfo.getAttribute("href"), partProps));
            }
        }
        return new As4UserMessage(
                text(info, "MessageId"),
                timestamp,
                readParty(one(partyInfo, "From")),
                readParty(one(partyInfo, "To")),
                text(collaboration, "Service"),
                text(collaboration, "Action"),
                text(collaboration, "ConversationId"),
                properties,
                payloads);
    }

    private static Party readParty(Element party) {
        Element id = one(party, "PartyId");
        String type = id.getAttribute("type");
        return new Party(id.getTextContent().strip(), type.isEmpty() ? null : type, text(party, "Role"));
    }

    private static void readProperties(Element parent, Map<String, String> into) {
        for (Element p : Dom.children(parent, As4Profile.EBMS, "Property")) {
            if (into.put(p.getAttribute("name"), p.getTextContent().strip()) != null) {
                throw invalid("property " + p.getAttribute("name") + " appears twice");
            }
        }
    }

    private static Element one(Element parent, String name) {
        List<Element> found = Dom.children(parent, As4Profile.EBMS, name);
        if (found.size() != 1) {
            throw invalid("eb:" + parent.getLocalName() + " must hold exactly one eb:" + name);
        }
        return found.get(0);
    }

    private static String text(Element parent, String name) {
        String value = one(parent, name).getTextContent().strip();
        if (value.isEmpty()) {
            throw invalid("eb:" + name + " is empty");
        }
        return value;
    }

    private static void party(Document doc, Element parent, Party party) {
        Element id = add(doc, parent, "PartyId");
        if (party.type() != null) {
            id.setAttribute("type", party.type());
        }
        id.setTextContent(party.id());
        add(doc, parent, "Role").setTextContent(party.role());
    }

    private static void property(Document doc, Element parent, String name, String value) {
        Element p = add(doc, parent, "Property");
        p.setAttribute("name", name);
        p.setTextContent(value);
    }

    private static Element add(Document doc, Element parent, String name) {
        Element e = doc.createElementNS(As4Profile.EBMS, "eb:" + name);
        parent.appendChild(e);
        return e;
    }

    private static GatewayException invalid(String detail) {
        return new GatewayException(ErrorCode.MALFORMED_MESSAGE, detail);
    }
}
