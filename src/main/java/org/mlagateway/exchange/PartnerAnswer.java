package org.mlagateway.exchange;

import org.mlagateway.security.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A partner's SOAP 1.2 fault, read from its {@code exc:ErrorDetail} (or, from a stack that does
 * not send one, from the {@code exc:} Subcode). Unreadable faults count as retryable: the partner
 * may be recovering, and retries are safe because the message id is reused.
 */
record PartnerAnswer(String code, boolean retryable) {
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String EXC = "urn:mla-gateway:exchange:1";

    static PartnerAnswer fault(byte[] body, SafeXml xml) {
        try {
            Document doc = xml.parse(body);
            Element detail = first(doc, EXC, "ErrorDetail");
            if (detail != null) {
                return new PartnerAnswer(text(detail, "Code"), Boolean.parseBoolean(text(detail, "Retryable")));
            }
            Element subcode = first(doc, SOAP12, "Subcode");
            String value = subcode == null ? null : text(subcode, SOAP12, "Value");
            return new PartnerAnswer(value == null ? "UnknownFault" : value.replaceFirst("^[^:]*:", ""), true);
        } catch (RuntimeException e) {
            // Not well-formed, or not a fault at all: say only that it could not be read.
            return new PartnerAnswer("UnreadableFault", true);
        }
    }

    private static Element first(Document doc, String ns, String name) {
        Node n = doc.getElementsByTagNameNS(ns, name).item(0);
        return (Element) n;
    }

    private static String text(Element parent, String name) {
        return text(parent, EXC, name);
    }

    private static String text(Element parent, String ns, String name) {
        Node n = parent.getElementsByTagNameNS(ns, name).item(0);
        return n == null ? null : n.getTextContent().strip();
    }
}
