package org.mlagateway.security;

import java.util.List;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.w3c.dom.Element;

/**
 * Step 2: every algorithm named in the security header and the encrypted Body is the profile's
 * (docs/protocol.md#security-header 3-5). This runs before any cryptographic operation, so a downgrade
 * never reaches a weak primitive. A missing DigestMethod or MGF means the SHA-1 default of XML
 * Encryption 1.1 §5.5.2, and is refused as such.
 */
final class AlgorithmStep {
    private final AlgorithmPolicy policy;

    AlgorithmStep(AlgorithmPolicy policy) {
        this.policy = policy;
    }

    void check(SecuredEnvelope env) {
        checkSignature(env.signature());
        List<Element> keys = Dom.children(env.security, Namespaces.XENC, "EncryptedKey");
        if (keys.size() > 1) {
            throw unsupported("more than one EncryptedKey");
        }
        for (Element key : keys) {
            checkKeyTransport(key);
        }
        Element data = Dom.child(env.body, Namespaces.XENC, "EncryptedData");
        if (data != null) {
            checkDataEncryption(data);
        }
        for (Element part : Dom.children(env.security, Namespaces.XENC, "EncryptedData")) {
            checkDataEncryption(part);
        }
    }

    private void checkDataEncryption(Element data) {
        Element method = Dom.child(data, Namespaces.XENC, "EncryptionMethod");
        require(
                method != null && policy.dataEncryption().contains(method.getAttribute("Algorithm")),
                "data encryption",
                method);
    }

    /**
     * An unencrypted request Body is refused outright (docs/protocol.md 5). Checked after signature
     * coverage, so that a wrapping attack is named as such rather than as a missing encryption.
     */
    static void requireEncryptedBody(SecuredEnvelope env) {
        if (Dom.child(env.body, Namespaces.XENC, "EncryptedData") == null
                || Dom.child(env.security, Namespaces.XENC, "EncryptedKey") == null) {
            throw unsupported("the Body is not encrypted");
        }
    }

    private void checkSignature(Element signature) {
        Element signedInfo = Dom.child(signature, Namespaces.DS, "SignedInfo");
        if (signedInfo == null) {
            throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the signature has no SignedInfo");
        }
        require(
                policy.canonicalization(),
                Dom.child(signedInfo, Namespaces.DS, "CanonicalizationMethod"),
                "canonicalization");
        require(policy.signature(), Dom.child(signedInfo, Namespaces.DS, "SignatureMethod"), "signature method");
        for (Element ref : Dom.children(signedInfo, Namespaces.DS, "Reference")) {
            require(policy.digest(), Dom.child(ref, Namespaces.DS, "DigestMethod"), "digest method");
            Element transforms = Dom.child(ref, Namespaces.DS, "Transforms");
            // An attachment's reference carries the SwA transform instead, checked with the parts.
            if (transforms != null && !ref.getAttribute("URI").startsWith("cid:")) {
                for (Element t : Dom.children(transforms, Namespaces.DS, "Transform")) {
                    require(policy.canonicalization(), t, "reference transform");
                }
            }
        }
    }

    private void checkKeyTransport(Element encryptedKey) {
        Element method = Dom.child(encryptedKey, Namespaces.XENC, "EncryptionMethod");
        require(policy.keyTransport(), method, "key transport");
        require(policy.keyTransportDigest(), Dom.child(method, Namespaces.DS, "DigestMethod"), "key transport digest");
        require(policy.keyTransportMgf(), Dom.child(method, Namespaces.XENC11, "MGF"), "key transport MGF");
    }

    private static void require(String expected, Element method, String what) {
        require(method != null && expected.equals(method.getAttribute("Algorithm")), what, method);
    }

    private static void require(boolean ok, String what, Element method) {
        if (!ok) {
            String found = method == null ? "none (a SHA-1 or unspecified default)" : method.getAttribute("Algorithm");
            throw unsupported(what + " " + found + " is outside the profile");
        }
    }

    private static GatewayException unsupported(String detail) {
        return new GatewayException(ErrorCode.UNSUPPORTED_ALGORITHM, detail);
    }
}
