package org.mlagateway.security;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.x500.X500Principal;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.token.TokenOaep;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Step 4: decryption (XML Encryption 1.1, WSS 1.1 §9). The EncryptedKey must name one of our
 * encryption certificates by X509IssuerSerial or by subject key identifier: the current one, or during
 * a rollover (docs/key-rollover.md) the next one; the key it names, and only that key, decrypts, never
 * one key after the other on trial. Its ReferenceList, inside it or
 * standing after it in the header, must point at the one EncryptedData that is the Body's content.
 * Every failure is reported as {@code DecryptionFailed} and nothing more, so that the gateway can
 * never serve as a decryption oracle; the detail stays in our own log.
 */
final class DecryptionStep {
    private final List<OurKey> keys;
    /** Shared by all threads: deserializing reads no state of the serializer's but a constant flag. */
    private final PlaintextSerializer plaintext = PlaintextSerializer.create();

    /** One of our decryption keys with its certificate's subject key identifier (null if it has none). */
    private record OurKey(IssuedKey key, byte[] ski) {}

    DecryptionStep(List<IssuedKey> encryptionKeys) {
        if (encryptionKeys.isEmpty()) {
            throw new IllegalArgumentException("no decryption key");
        }
        this.keys = encryptionKeys.stream()
                .map(k -> new OurKey(k, subjectKeyIdentifier(k.certificate())))
                .toList();
    }

    /** The parts the EncryptedKey's ReferenceList names, by content id, and the data key that decrypts them. */
    record Parts(java.util.Set<String> contentIds, javax.crypto.SecretKey key) {}

    /** Decrypts the Body in place; returns the encrypted attachment parts (none for an envelope without). */
    Parts decrypt(SecuredEnvelope env) {
        Element ek = Dom.child(env.security, Namespaces.XENC, "EncryptedKey");
        Element data = Dom.child(env.body, Namespaces.XENC, "EncryptedData");
        if (ek == null || data == null || Dom.elements(env.body).size() != 1) {
            throw failed("the Body content is not one EncryptedData");
        }
        if (!Namespaces.XENC_CONTENT.equals(data.getAttribute("Type"))) {
            throw failed("the EncryptedData is not of type Content");
        }
        IssuedKey encryptionKey = keyNamedBy(ek);
        if (encryptionKey == null) {
            throw failed("the EncryptedKey is not for our encryption certificate");
        }
        List<String> refs = dataReferences(env, ek);
        String bodyRef = "#" + data.getAttribute("Id");
        if (refs.stream().filter(bodyRef::equals).count() != 1) {
            throw failed("the ReferenceList does not point at the Body's EncryptedData once");
        }
        java.util.Set<String> parts = encryptedParts(env, refs, bodyRef);
        String dataAlgorithm =
                Dom.child(data, Namespaces.XENC, "EncryptionMethod").getAttribute("Algorithm");
        try {
            Key dataKey = encryptionKey.inToken()
                    ? tokenDataKey(encryptionKey, ek, dataAlgorithm)
                    : dataKey(encryptionKey, env, ek, dataAlgorithm);
            XMLCipher dataCipher = XMLCipher.getInstance(plaintext, dataAlgorithm);
            dataCipher.setSecureValidation(true);
            dataCipher.init(XMLCipher.DECRYPT_MODE, dataKey);
            dataCipher.doFinal(env.document, data);
            return new Parts(parts, new SecretKeySpec(dataKey.getEncoded(), "AES"));
        } catch (Exception e) {
            // Santuario signals failures with several exception types; all mean the same to a sender.
            throw failed("decryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Key dataKey(IssuedKey encryptionKey, SecuredEnvelope env, Element ek, String dataAlgorithm)
            throws Exception {
        XMLCipher keyCipher = XMLCipher.getInstance();
        keyCipher.setSecureValidation(true);
        keyCipher.init(XMLCipher.UNWRAP_MODE, encryptionKey.privateKey());
        EncryptedKey encryptedKey = keyCipher.loadEncryptedKey(env.document, ek);
        return keyCipher.decryptKey(encryptedKey, dataAlgorithm);
    }

    /**
     * The data key, decrypted with a key in a PKCS#11 token: raw RSA there, OAEP decoding here
     * ({@link TokenOaep}). {@link AlgorithmStep} has already held the EncryptedKey to the profile's
     * RSA-OAEP with SHA-256 for the label hash and for MGF1; OAEPparams, if present, are the label.
     */
    private static Key tokenDataKey(IssuedKey encryptionKey, Element ek, String dataAlgorithm)
            throws GeneralSecurityException {
        Element method = Dom.child(ek, Namespaces.XENC, "EncryptionMethod");
        Element params = Dom.child(method, Namespaces.XENC, "OAEPparams");
        byte[] label = params == null
                ? new byte[0]
                : Base64.getMimeDecoder().decode(params.getTextContent().strip());
        Element cipherData = Dom.child(ek, Namespaces.XENC, "CipherData");
        String value = cipherData == null ? null : Dom.text(cipherData, Namespaces.XENC, "CipherValue");
        if (value == null) {
            throw new GeneralSecurityException("the EncryptedKey has no CipherValue");
        }
        byte[] key = TokenOaep.decrypt(encryptionKey, Base64.getMimeDecoder().decode(value.strip()), "SHA-256", label);
        int expected = AlgorithmPolicy.AES256_GCM.equals(dataAlgorithm) ? 32 : 16;
        if (key.length != expected) {
            throw new GeneralSecurityException("the data key has " + key.length + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }

    /** Our key whose certificate the EncryptedKey names, or null when it names none of ours. */
    private IssuedKey keyNamedBy(Element ek) {
        Element keyInfo = Dom.child(ek, Namespaces.DS, "KeyInfo");
        Element str = keyInfo == null ? null : Dom.child(keyInfo, Namespaces.WSSE, "SecurityTokenReference");
        if (str == null) {
            return null;
        }
        Element x509Data = Dom.child(str, Namespaces.DS, "X509Data");
        Element issuerSerial = x509Data == null ? null : Dom.child(x509Data, Namespaces.DS, "X509IssuerSerial");
        if (issuerSerial != null) {
            return byIssuerSerial(issuerSerial);
        }
        Element keyId = Dom.child(str, Namespaces.WSSE, "KeyIdentifier");
        if (keyId != null && Namespaces.SKI_VALUE_TYPE.equals(keyId.getAttribute("ValueType"))) {
            byte[] ski;
            try {
                ski = Base64.getMimeDecoder().decode(keyId.getTextContent().strip());
            } catch (IllegalArgumentException e) {
                return null;
            }
            for (OurKey k : keys) {
                if (k.ski() != null && Arrays.equals(k.ski(), ski)) {
                    return k.key();
                }
            }
        }
        return null;
    }

    private IssuedKey byIssuerSerial(Element issuerSerial) {
        X500Principal issuer;
        BigInteger serial;
        try {
            issuer = new X500Principal(Dom.text(issuerSerial, Namespaces.DS, "X509IssuerName"));
            serial = new BigInteger(Dom.text(issuerSerial, Namespaces.DS, "X509SerialNumber"));
        } catch (RuntimeException e) {
            return null;
        }
        for (OurKey k : keys) {
            X509Certificate ours = k.key().certificate();
            if (issuer.equals(ours.getIssuerX500Principal()) && serial.equals(ours.getSerialNumber())) {
                return k.key();
            }
        }
        return null;
    }

    /**
     * Every DataReference but the Body's must name an attachment's EncryptedData directly in the
     * Security header, and every such EncryptedData must be named once: nothing encrypted is left
     * undecrypted, and no part is decrypted twice.
     */
    private static java.util.Set<String> encryptedParts(SecuredEnvelope env, List<String> refs, String bodyRef) {
        java.util.Set<String> named = new java.util.HashSet<>(refs);
        if (named.size() != refs.size()) {
            throw failed("the ReferenceList names an EncryptedData twice");
        }
        java.util.Set<String> parts = new java.util.LinkedHashSet<>();
        List<Element> partData = Dom.children(env.security, Namespaces.XENC, "EncryptedData");
        for (Element part : partData) {
            if (!named.contains("#" + part.getAttribute("Id"))) {
                throw failed("an EncryptedData in the header is not in the ReferenceList");
            }
            if (!parts.add(PartsProfile.encryptedPart(part))) {
                throw failed("an attachment is encrypted twice");
            }
        }
        if (partData.size() + 1 != refs.size()) {
            throw failed("the ReferenceList names something other than the Body and the attachments");
        }
        return parts;
    }

    /** The DataReferences inside the EncryptedKey, or in a ReferenceList standing in the header. */
    private static List<String> dataReferences(SecuredEnvelope env, Element ek) {
        List<String> uris = new ArrayList<>();
        List<Element> lists = new ArrayList<>(Dom.children(ek, Namespaces.XENC, "ReferenceList"));
        lists.addAll(Dom.children(env.security, Namespaces.XENC, "ReferenceList"));
        for (Element list : lists) {
            for (Element ref : Dom.children(list, Namespaces.XENC, "DataReference")) {
                uris.add(ref.getAttribute("URI"));
            }
        }
        return uris;
    }

    /** The decrypted Body must hold exactly one msg:Message and nothing else. */
    static Element message(SecuredEnvelope env) {
        List<Element> content = Dom.elements(env.body);
        for (Node n = env.body.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) {
                throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the Body holds text outside msg:Message");
            }
        }
        if (content.size() != 1
                || !"Message".equals(content.get(0).getLocalName())
                || !Namespaces.MSG.equals(content.get(0).getNamespaceURI())) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "the Body must hold exactly one msg:Message");
        }
        return content.get(0);
    }

    private static byte[] subjectKeyIdentifier(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue("2.5.29.14");
        if (ext == null) {
            return null;
        }
        // OCTET STRING wrapping OCTET STRING (RFC 5280 §4.2.1.2): strip both headers.
        byte[] inner = org.bouncycastle.asn1.ASN1OctetString.getInstance(ext).getOctets();
        return org.bouncycastle.asn1.ASN1OctetString.getInstance(inner).getOctets();
    }

    private static GatewayException failed(String localDetail) {
        return new GatewayException(ErrorCode.DECRYPTION_FAILED, localDetail);
    }
}
