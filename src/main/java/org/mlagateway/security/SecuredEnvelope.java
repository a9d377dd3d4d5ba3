package org.mlagateway.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The parsed envelope with its parts located by position, never by searching for names anywhere
 * in the document: the Envelope's own Header and Body, the one Security header, and the Timestamp
 * directly inside it. Structural rules of docs/protocol.md#structure-and-wrapping are enforced on construction.
 */
final class SecuredEnvelope {
    final Document document;
    final Element envelope;
    final Element body;
    final Element security;

    private SecuredEnvelope(Document document, Element envelope, Element body, Element security) {
        this.document = document;
        this.envelope = envelope;
        this.body = body;
        this.security = security;
    }

    static SecuredEnvelope of(Document doc) {
        Element env = doc.getDocumentElement();
        if (!"Envelope".equals(env.getLocalName()) || !Namespaces.SOAP12.equals(env.getNamespaceURI())) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the document is not a SOAP 1.2 Envelope");
        }
        List<Element> headers = Dom.children(env, Namespaces.SOAP12, "Header");
        List<Element> bodies = Dom.children(env, Namespaces.SOAP12, "Body");
        if (headers.size() > 1 || bodies.size() > 1) {
            throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "the Envelope has more than one Header or Body");
        }
        if (bodies.isEmpty() || Dom.elements(env).size() != headers.size() + 1) {
            throw new GatewayException(
                    ErrorCode.MALFORMED_MESSAGE, "the Envelope must hold an optional Header and one Body");
        }
        if (headers.isEmpty()) {
            throw new GatewayException(ErrorCode.SECURITY_HEADER_MISSING, "the Envelope has no Header");
        }
        List<Element> securities = Dom.children(headers.get(0), Namespaces.WSSE, "Security");
        if (securities.isEmpty()) {
            throw new GatewayException(ErrorCode.SECURITY_HEADER_MISSING, "there is no wsse:Security header");
        }
        if (securities.size() > 1) {
            throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "there is more than one wsse:Security header");
        }
        rejectDuplicateIds(env);
        return new SecuredEnvelope(doc, env, bodies.get(0), securities.get(0));
    }

    /** The one Timestamp directly in the Security header, or null. */
    Element timestamp() {
        List<Element> found = Dom.children(security, Namespaces.WSU, "Timestamp");
        if (found.size() > 1) {
            throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "there is more than one Timestamp");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The one ds:Signature directly in the Security header. */
    Element signature() {
        List<Element> found = Dom.children(security, Namespaces.DS, "Signature");
        if (found.size() != 1) {
            throw new GatewayException(
                    ErrorCode.SIGNATURE_COVERAGE,
                    found.isEmpty() ? "the message is not signed" : "there is more than one signature");
        }
        return found.get(0);
    }

    static String wsuId(Element e) {
        return e.getAttributeNS(Namespaces.WSU, "Id");
    }

    /** WSS 1.1 §4: Id values must be unique; a repeated one is how wrapping attacks mislead resolvers. */
    private static void rejectDuplicateIds(Element root) {
        Map<String, Boolean> seen = new HashMap<>();
        walk(root, seen);
    }

    private static void walk(Element e, Map<String, Boolean> seen) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if (("Id".equals(name) || "ID".equals(name) || "id".equals(name) && isXmlNs(a))
                    && seen.put(a.getValue(), Boolean.TRUE) != null) {
                throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "an Id value appears more than once");
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                walk(child, seen);
            }
        }
    }

    private static boolean isXmlNs(Attr a) {
        return "http://www.w3.org/XML/1998/namespace".equals(a.getNamespaceURI());
    }
}
