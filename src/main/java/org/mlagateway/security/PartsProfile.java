package org.mlagateway.security;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The attachment rules of our profile (docs/protocol.md#attachments), after the WS-Security SwA
 * profile 1.1: each part is signed by a {@code ds:Reference} to {@code cid:<content id>} with the
 * Attachment-Content-Signature-Transform and a SHA-256 digest of the part's content, then encrypted
 * (Attachment-Content-Only) with the data key of the envelope's EncryptedKey, described by an
 * {@code xenc:EncryptedData} in the Security header whose CipherReference names the part and whose
 * DataReference stands in the EncryptedKey's ReferenceList. What the sender builds and what the
 * receiver demands, both here.
 */
final class PartsProfile {
    static final String SWA = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#";
    static final String CONTENT_SIGNATURE_TRANSFORM = SWA + "Attachment-Content-Signature-Transform";
    static final String CIPHERTEXT_TRANSFORM = SWA + "Attachment-Ciphertext-Transform";
    static final String CONTENT_ONLY = SWA + "Attachment-Content-Only";
    static final String PART_MEDIA_TYPE = "application/octet-stream";
    private static final Pattern CONTENT_ID = Pattern.compile("[A-Za-z0-9._@+=-]{1,200}");

    private PartsProfile() {}

    static void requireContentId(String contentId) {
        if (contentId == null || !CONTENT_ID.matcher(contentId).matches()) {
            throw new IllegalArgumentException("a content id is 1 to 200 letters, digits and ._@+=-");
        }
    }

    /** Sender: one EncryptedData per part in the Security header, listed in the EncryptedKey's ReferenceList. */
    static void addEncryptedParts(Element security, List<PartDigest> parts, String dataAlgorithm) {
        if (parts.isEmpty()) {
            return;
        }
        Document doc = security.getOwnerDocument();
        Element encryptedKey = Dom.child(security, Namespaces.XENC, "EncryptedKey");
        Element list = Dom.child(encryptedKey, Namespaces.XENC, "ReferenceList");
        if (list == null) {
            list = doc.createElementNS(Namespaces.XENC, "xenc:ReferenceList");
            encryptedKey.appendChild(list);
        }
        Element after = encryptedKey;
        for (PartDigest part : parts) {
            String id = "ED-" + UUID.randomUUID();
            Element data = doc.createElementNS(Namespaces.XENC, "xenc:EncryptedData");
            data.setAttributeNS(null, "Id", id);
            data.setAttributeNS(null, "Type", CONTENT_ONLY);
            data.setAttributeNS(null, "MimeType", PART_MEDIA_TYPE);
            Element method = doc.createElementNS(Namespaces.XENC, "xenc:EncryptionMethod");
            method.setAttributeNS(null, "Algorithm", dataAlgorithm);
            data.appendChild(method);
            Element cipherData = doc.createElementNS(Namespaces.XENC, "xenc:CipherData");
            Element cipherReference = doc.createElementNS(Namespaces.XENC, "xenc:CipherReference");
            cipherReference.setAttributeNS(null, "URI", "cid:" + part.contentId());
            Element transforms = doc.createElementNS(Namespaces.XENC, "xenc:Transforms");
            Element transform = doc.createElementNS(Namespaces.DS, "ds:Transform");
            transform.setAttributeNS(null, "Algorithm", CIPHERTEXT_TRANSFORM);
            transforms.appendChild(transform);
            cipherReference.appendChild(transforms);
            cipherData.appendChild(cipherReference);
            data.appendChild(cipherData);
            security.insertBefore(data, after.getNextSibling());
            after = data;
            Element ref = doc.createElementNS(Namespaces.XENC, "xenc:DataReference");
            ref.setAttributeNS(null, "URI", "#" + id);
            list.appendChild(ref);
        }
    }

    /**
     * Receiver: the parts the signature covers, content id to signed SHA-256, in SignedInfo's order.
     * A {@code cid:} reference must carry exactly the Attachment-Content-Signature-Transform; a part
     * may be signed once.
     */
    static Map<String, byte[]> signedParts(Element signature) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        Element signedInfo = Dom.child(signature, Namespaces.DS, "SignedInfo");
        for (Element ref : Dom.children(signedInfo, Namespaces.DS, "Reference")) {
            String uri = ref.getAttribute("URI");
            if (!uri.startsWith("cid:")) {
                continue;
            }
            String contentId = contentId(uri, ErrorCode.SIGNATURE_COVERAGE);
            Element transforms = Dom.child(ref, Namespaces.DS, "Transforms");
            List<Element> list = transforms == null ? List.of() : Dom.children(transforms, Namespaces.DS, "Transform");
            if (list.size() != 1
                    || !CONTENT_SIGNATURE_TRANSFORM.equals(list.get(0).getAttribute("Algorithm"))) {
                throw new GatewayException(
                        ErrorCode.UNSUPPORTED_ALGORITHM,
                        "an attachment reference must have exactly the Attachment-Content-Signature-Transform");
            }
            String value = Dom.text(ref, Namespaces.DS, "DigestValue");
            byte[] digest;
            try {
                digest = value == null ? new byte[0] : Base64.getMimeDecoder().decode(value.strip());
            } catch (IllegalArgumentException e) {
                digest = new byte[0];
            }
            if (digest.length != 32) {
                throw new GatewayException(
                        ErrorCode.SIGNATURE_INVALID, "an attachment reference has no SHA-256 digest");
            }
            if (parts.put(contentId, digest) != null) {
                throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "an attachment is signed more than once");
            }
        }
        return parts;
    }

    /** Whether an EncryptedData in the Security header describes an attachment part. */
    static boolean isPart(Element encryptedData) {
        return CONTENT_ONLY.equals(encryptedData.getAttribute("Type"));
    }

    /**
     * Receiver: the content id of the part an attachment EncryptedData describes, after checking its
     * form: Type Attachment-Content-Only, a CipherReference to {@code cid:} with exactly the
     * Attachment-Ciphertext-Transform. Its EncryptionMethod is judged by the algorithm step.
     */
    static String encryptedPart(Element encryptedData) {
        if (!isPart(encryptedData)) {
            throw new GatewayException(ErrorCode.DECRYPTION_FAILED, "an EncryptedData in the header is not a part");
        }
        Element cipherData = Dom.child(encryptedData, Namespaces.XENC, "CipherData");
        Element reference = cipherData == null ? null : Dom.child(cipherData, Namespaces.XENC, "CipherReference");
        Element transforms = reference == null ? null : Dom.child(reference, Namespaces.XENC, "Transforms");
        List<Element> list = transforms == null ? List.of() : Dom.children(transforms, Namespaces.DS, "Transform");
        if (list.size() != 1 || !CIPHERTEXT_TRANSFORM.equals(list.get(0).getAttribute("Algorithm"))) {
            throw new GatewayException(
                    ErrorCode.DECRYPTION_FAILED, "an attachment's CipherReference is not the profile's");
        }
        return contentId(reference.getAttribute("URI"), ErrorCode.DECRYPTION_FAILED);
    }

    private static String contentId(String uri, ErrorCode code) {
        String id = uri.substring("cid:".length());
        if (!uri.startsWith("cid:") || !CONTENT_ID.matcher(id).matches()) {
            throw new GatewayException(code, "an attachment's content id is outside the profile");
        }
        return id;
    }
}
