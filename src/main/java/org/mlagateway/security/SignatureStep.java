package org.mlagateway.security;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.w3c.dom.Element;

/**
 * Step 3: the signature (XML Signature §3.2, WSS 1.1 §8). Coverage is checked by position: there
 * must be exactly two references, one to the Envelope's own Body and one to the Timestamp inside
 * the Security header, and only those two elements are registered as ID targets, so a reference
 * to a wrapped copy elsewhere cannot resolve. The signature value is verified over the canonical
 * SignedInfo, and the Timestamp digest at once; the Body digest can only be checked after
 * decryption, because the sender signed before encrypting.
 */
final class SignatureStep {
    private final int minRsaBits;

    /** The verified signature, its signer, and the Body reference still to be checked. */
    record Result(
            X509Certificate signer,
            byte[] signatureValue,
            Reference bodyReference,
            Element signature,
            java.util.Map<String, byte[]> parts) {}

    SignatureStep(int minRsaBits) {
        this.minRsaBits = minRsaBits;
    }

    Result check(SecuredEnvelope env) {
        Element sigElement = env.signature();
        Element ts = env.timestamp();
        String bodyId = SecuredEnvelope.wsuId(env.body);
        String tsId = SecuredEnvelope.wsuId(ts);
        if (bodyId.isEmpty() || !references(sigElement, bodyId)) {
            throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "the Body is not signed");
        }
        env.body.setIdAttributeNS(Namespaces.WSU, "Id", true);
        ts.setIdAttributeNS(Namespaces.WSU, "Id", true);
        X509Certificate signer = signingToken(env, sigElement);
        java.util.Map<String, byte[]> parts = PartsProfile.signedParts(sigElement);
        try {
            XMLSignature signature = new XMLSignature(sigElement, "", XmlSecurity.SECURE_VALIDATION);
            SignedInfo signedInfo = signature.getSignedInfo();
            if (signedInfo.getLength() != 2 + parts.size()) {
                throw new GatewayException(
                        ErrorCode.SIGNATURE_COVERAGE,
                        "the signature must cover exactly the Body, the Timestamp and the attachments");
            }
            Reference bodyRef = null;
            Reference tsRef = null;
            int others = 0;
            for (int i = 0; i < signedInfo.getLength(); i++) {
                Reference ref = signedInfo.item(i);
                if (("#" + bodyId).equals(ref.getURI()) && bodyRef == null) {
                    bodyRef = ref;
                } else if (("#" + tsId).equals(ref.getURI()) && tsRef == null) {
                    tsRef = ref;
                } else if (!ref.getURI().startsWith("cid:")) {
                    others++;
                }
            }
            if (bodyRef == null || tsRef == null || others > 0) {
                throw new GatewayException(
                        ErrorCode.SIGNATURE_COVERAGE,
                        "a reference points at something other than the Body or the Timestamp");
            }
            byte[] value = signature.getSignatureValue();
            verifyValue(signedInfo.getCanonicalizedOctetStream(), value, signer);
            if (!tsRef.verify()) {
                throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the Timestamp digest does not match");
            }
            return new Result(signer, value, bodyRef, sigElement, parts);
        } catch (XMLSecurityException | java.io.IOException e) {
            throw new GatewayException(
                    ErrorCode.SIGNATURE_INVALID,
                    "the signature cannot be processed: " + e.getClass().getSimpleName());
        }
    }

    /** After decryption: the Body digest. */
    static void verifyBody(Result result) {
        try {
            if (!result.bodyReference().verify()) {
                throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the Body digest does not match");
            }
        } catch (XMLSecurityException e) {
            throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the Body reference cannot be verified");
        }
    }

    /** Whether SignedInfo has a reference to {@code #id} (read only; nothing is resolved). */
    static boolean references(Element signature, String id) {
        Element signedInfo = Dom.child(signature, Namespaces.DS, "SignedInfo");
        if (signedInfo == null || id.isEmpty()) {
            return false;
        }
        return Dom.children(signedInfo, Namespaces.DS, "Reference").stream()
                .anyMatch(ref -> ("#" + id).equals(ref.getAttribute("URI")));
    }

    private void verifyValue(byte[] canonicalSignedInfo, byte[] value, X509Certificate signer) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(signer.getPublicKey());
            verifier.update(canonicalSignedInfo);
            if (!verifier.verify(value)) {
                throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the signature value does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the signature value does not verify");
        }
    }

    /** KeyInfo must reference, by a SecurityTokenReference, a BinarySecurityToken in this header. */
    private X509Certificate signingToken(SecuredEnvelope env, Element signature) {
        Element bst = tokenElement(env, signature);
        if (bst == null) {
            throw new GatewayException(
                    ErrorCode.SIGNATURE_INVALID,
                    "the signature does not reference an X.509 BinarySecurityToken in the Security header");
        }
        X509Certificate cert = certificate(bst);
        if (!(cert.getPublicKey() instanceof RSAPublicKey rsa)
                || rsa.getModulus().bitLength() < minRsaBits) {
            throw new GatewayException(
                    ErrorCode.UNSUPPORTED_ALGORITHM, "the signing key is not RSA of " + minRsaBits + " bits or more");
        }
        return cert;
    }

    /**
     * The certificate the signature names, read without verifying anything, or null when there is
     * none to read: what the envelope claims about its signer, for the rejection log of any step.
     */
    static X509Certificate claimedSigner(SecuredEnvelope env) {
        try {
            Element bst = tokenElement(env, env.signature());
            return bst == null ? null : certificate(bst);
        } catch (RuntimeException e) {
            // Best effort: reading a claim never changes which step rejects the envelope.
            return null;
        }
    }

    private static Element tokenElement(SecuredEnvelope env, Element signature) {
        Element keyInfo = Dom.child(signature, Namespaces.DS, "KeyInfo");
        Element str = keyInfo == null ? null : Dom.child(keyInfo, Namespaces.WSSE, "SecurityTokenReference");
        Element ref = str == null ? null : Dom.child(str, Namespaces.WSSE, "Reference");
        String uri = ref == null ? "" : ref.getAttribute("URI");
        for (Element bst : Dom.children(env.security, Namespaces.WSSE, "BinarySecurityToken")) {
            if (uri.equals("#" + SecuredEnvelope.wsuId(bst))
                    && Namespaces.X509_V3.equals(bst.getAttribute("ValueType"))) {
                return bst;
            }
        }
        return null;
    }

    private static X509Certificate certificate(Element bst) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(bst.getTextContent().strip());
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the BinarySecurityToken is not a certificate");
        }
    }
}
