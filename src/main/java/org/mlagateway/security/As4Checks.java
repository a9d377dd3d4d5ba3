package org.mlagateway.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The checks of an AS4 envelope that run before any cryptography (docs/as4.md#inbound): its structure,
 * read by position, and every algorithm it names against the profile, so that a downgrade never
 * reaches a weak primitive.
 */
final class As4Checks {
    private As4Checks() {}

    /** The envelope's parts, found by position: the one Header, Body, eb:Messaging and wsse:Security. */
    record Structure(Element envelope, Element body, Element messaging, Element security) {}

    /**
     * One Header and one Body under the Envelope, one {@code eb:Messaging} and one {@code wsse:Security} in
     * the Header, an empty Body (payloads travel as parts), and no Id value twice in the envelope.
     */
    static Structure structure(Document doc) {
        Element env = doc.getDocumentElement();
        if (!Namespaces.SOAP12.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "the root part is not a SOAP 1.2 Envelope");
        }
        List<Element> headers = Dom.children(env, Namespaces.SOAP12, "Header");
        List<Element> bodies = Dom.children(env, Namespaces.SOAP12, "Body");
        if (headers.size() != 1 || bodies.size() != 1 || Dom.elements(env).size() != 2) {
            throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "the Envelope must hold one Header and one Body");
        }
        List<Element> securities = Dom.children(headers.get(0), Namespaces.WSSE, "Security");
        if (securities.isEmpty()) {
            throw new GatewayException(ErrorCode.SECURITY_HEADER_MISSING, "no wsse:Security header");
        }
        List<Element> messagings = Dom.children(headers.get(0), As4Profile.EBMS, "Messaging");
        if (securities.size() != 1 || messagings.size() != 1) {
            throw new GatewayException(
                    ErrorCode.SIGNATURE_COVERAGE, "the Header must hold one wsse:Security and one eb:Messaging");
        }
        if (!Dom.elements(bodies.get(0)).isEmpty()
                || !bodies.get(0).getTextContent().isBlank()) {
            throw new GatewayException(
                    ErrorCode.MALFORMED_MESSAGE, "the Body must be empty: payloads travel as MIME parts");
        }
        uniqueIds(env, new HashSet<>());
        return new Structure(env, bodies.get(0), messagings.get(0), securities.get(0));
    }

    private static void uniqueIds(Element e, Set<String> seen) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String name = a.getLocalName() == null ? a.getName() : a.getLocalName();
            if (("Id".equals(name) || "ID".equals(name)) && !seen.add(a.getValue())) {
                throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "Id " + a.getValue() + " appears twice");
            }
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                uniqueIds(child, seen);
            }
        }
    }

    /**
     * Every algorithm in the Security header is the profile's: one signature, its canonicalization,
     * signature method, digests and transforms; at most one EncryptedKey with the profile's key
     * transport, MGF and digest; every EncryptedData of the profile's data encryption and part type.
     */
    static void algorithms(Element security, As4Profile profile) {
        List<Element> signatures = Dom.children(security, Namespaces.DS, "Signature");
        if (signatures.size() != 1) {
            throw new GatewayException(
                    signatures.isEmpty() ? ErrorCode.SECURITY_HEADER_MISSING : ErrorCode.SIGNATURE_COVERAGE,
                    "the Security header must hold exactly one signature");
        }
        Element signedInfo = Dom.child(signatures.get(0), Namespaces.DS, "SignedInfo");
        if (signedInfo == null) {
            throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the signature has no SignedInfo");
        }
        require(profile.canonicalization(), Dom.child(signedInfo, Namespaces.DS, "CanonicalizationMethod"), "c14n");
        require(profile.signature(), Dom.child(signedInfo, Namespaces.DS, "SignatureMethod"), "signature method");
        for (Element ref : Dom.children(signedInfo, Namespaces.DS, "Reference")) {
            require(profile.digest(), Dom.child(ref, Namespaces.DS, "DigestMethod"), "digest method");
            Element transforms = Dom.child(ref, Namespaces.DS, "Transforms");
            if (transforms != null) {
                for (Element t : Dom.children(transforms, Namespaces.DS, "Transform")) {
                    if (!profile.referenceTransforms().contains(t.getAttribute("Algorithm"))) {
                        throw unsupported("reference transform " + t.getAttribute("Algorithm"));
                    }
                }
            }
        }
        List<Element> keys = Dom.children(security, Namespaces.XENC, "EncryptedKey");
        if (keys.size() > 1) {
            throw unsupported("more than one EncryptedKey");
        }
        for (Element key : keys) {
            Element method = Dom.child(key, Namespaces.XENC, "EncryptionMethod");
            require(profile.keyTransport(), method, "key transport");
            require(profile.keyTransportDigest(), Dom.child(method, Namespaces.DS, "DigestMethod"), "OAEP digest");
            require(profile.keyTransportMgf(), Dom.child(method, Namespaces.XENC11, "MGF"), "OAEP MGF");
        }
        for (Element data : Dom.children(security, Namespaces.XENC, "EncryptedData")) {
            require(profile.dataEncryption(), Dom.child(data, Namespaces.XENC, "EncryptionMethod"), "data encryption");
            if (!profile.partEncryptionType().equals(data.getAttribute("Type"))) {
                throw unsupported("part encryption type " + data.getAttribute("Type"));
            }
        }
    }

    private static void require(String expected, Element method, String what) {
        if (method == null || !expected.equals(method.getAttribute("Algorithm"))) {
            throw unsupported(what + " "
                    + (method == null ? "none (a SHA-1 or unspecified default)" : method.getAttribute("Algorithm")));
        }
    }

    private static GatewayException unsupported(String detail) {
        return new GatewayException(ErrorCode.UNSUPPORTED_ALGORITHM, detail + " is outside the AS4 profile");
    }
}
