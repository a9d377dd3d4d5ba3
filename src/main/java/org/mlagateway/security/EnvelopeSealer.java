package org.mlagateway.security;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.mlagateway.security.pki.IssuedKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds what this gateway puts on the wire, exactly as docs/protocol.md prescribes: a SOAP 1.2
 * envelope whose WS-Security header holds a signed Timestamp, our signing certificate as a
 * BinarySecurityToken, and a signature over the Body and the Timestamp; then, for messages (not
 * receipts), the Body content encrypted to the partner's certificate.
 *
 * <p>The signature carries no InclusiveNamespaces PrefixList, which some partner stacks cannot
 * verify. Instances are thread-safe: each call builds its own WSS4J objects.
 */
public final class EnvelopeSealer {
    /** How long our Timestamps are valid: within the 10 minutes docs/protocol.md allows. */
    public static final Duration TIMESTAMP_TTL = Duration.ofMinutes(5);

    private final SigningKeys signingKeys;
    private final OwnKeyCrypto currentCrypto;
    private final OwnKeyCrypto nextCrypto;
    private final AlgorithmPolicy policy;
    private final Clock clock;
    private final SafeXml xml;

    /** {@code maxXmlDepth} is the configured {@code limits.maxXmlDepth}, applied to every message it parses. */
    public EnvelopeSealer(IssuedKey signingKey, AlgorithmPolicy policy, Clock clock, int maxXmlDepth) {
        this(SigningKeys.single(signingKey), policy, clock, maxXmlDepth);
    }

    /**
     * Signing with the key of {@code signingKeys} that signs at the clock's instant of each signature:
     * in a rollover, the next key from its switch instant on, without a restart (docs/key-rollover.md).
     */
    public EnvelopeSealer(SigningKeys signingKeys, AlgorithmPolicy policy, Clock clock, int maxXmlDepth) {
        XmlSecurity.init();
        this.signingKeys = signingKeys;
        this.policy = policy;
        this.clock = clock;
        this.currentCrypto = new OwnKeyCrypto(signingKeys.current());
        this.nextCrypto = signingKeys.next() == null ? null : new OwnKeyCrypto(signingKeys.next());
        this.xml = new SafeXml(maxXmlDepth);
    }

    /** The hardened parser of this sealer, shared with the receipts it signs. */
    SafeXml xml() {
        return xml;
    }

    /** Signs and encrypts a {@code msg:Message} for one recipient. */
    public SealedEnvelope seal(Element message, X509Certificate recipientEncryptionCertificate) {
        return seal(message, recipientEncryptionCertificate, List.of()).envelope();
    }

    /**
     * Signs and encrypts a {@code msg:Message} whose documents travel as attachment parts
     * (docs/protocol.md#attachments): the signature covers each part by its content id and the
     * SHA-256 of its content, which the caller knows (the store keeps it), so no part is read
     * here; each part is then encrypted, as it is written to the wire, with {@link SealedParts#encrypt}.
     */
    public SealedParts seal(Element message, X509Certificate recipientEncryptionCertificate, List<PartDigest> parts) {
        Document doc = envelope(message);
        try {
            WSSecHeader header = new WSSecHeader(doc);
            header.insertSecurityHeader();
            List<SignedReference> refs = sign(doc, header, parts);
            WSSecEncrypt encrypt = new WSSecEncrypt(header);
            encrypt.setUseThisCert(recipientEncryptionCertificate);
            encrypt.setKeyIdentifierType(WSConstants.ISSUER_SERIAL);
            encrypt.setSymmetricEncAlgorithm(policy.outboundDataEncryption());
            encrypt.setKeyEncAlgo(policy.keyTransport());
            encrypt.setMGFAlgorithm(policy.keyTransportMgf());
            encrypt.setDigestAlgorithm(policy.keyTransportDigest());
            encrypt.getParts().add(new WSEncryptionPart("Body", Namespaces.SOAP12, "Content"));
            // The recipient's certificate is set above: the Crypto only has to exist here.
            SecretKey dataKey = newDataKey();
            encrypt.build(currentCrypto, dataKey);
            PartsProfile.addEncryptedParts(header.getSecurityHeaderElement(), parts, policy.outboundDataEncryption());
            return new SealedParts(new SealedEnvelope(serialize(doc), refs), dataKey);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("Cannot secure the envelope: " + e.getMessage(), e);
        }
    }

    /** As {@link #seal(Element, X509Certificate)}, for a message kept as XML bytes. */
    public SealedEnvelope seal(byte[] messageXml, X509Certificate recipientEncryptionCertificate) {
        return seal(xml.parse(messageXml).getDocumentElement(), recipientEncryptionCertificate);
    }

    /** Signs a Body without encrypting it: the form of our receipts. */
    public SealedEnvelope signOnly(Element bodyContent) {
        Document doc = envelope(bodyContent);
        try {
            WSSecHeader header = new WSSecHeader(doc);
            header.insertSecurityHeader();
            List<SignedReference> refs = sign(doc, header, List.of());
            return new SealedEnvelope(serialize(doc), refs);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("Cannot sign the envelope: " + e.getMessage(), e);
        }
    }

    /** The certificate of the key that signs now. */
    public X509Certificate certificate() {
        return signingKeys.at(clock.instant()).certificate();
    }

    private List<SignedReference> sign(Document doc, WSSecHeader header, List<PartDigest> parts)
            throws WSSecurityException {
        IssuedKey signingKey = signingKeys.at(clock.instant());
        OwnKeyCrypto crypto = signingKey == signingKeys.current() ? currentCrypto : nextCrypto;
        WSSecTimestamp timestamp = new WSSecTimestamp(header);
        timestamp.setTimeToLive((int) TIMESTAMP_TTL.toSeconds());
        timestamp.setWsTimeSource(clock::instant);
        timestamp.build();

        // A key in a token signs through its token's provider; a key in memory through any.
        WSSecSignature signature = parts.isEmpty() ? new WSSecSignature(header) : new PartsSignature(header, parts);
        if (signingKey.inToken()) {
            signature.setSignatureProvider(signingKey.provider());
        }
        signature.setUserInfo(OwnKeyCrypto.ALIAS, "");
        signature.setX509Certificate(signingKey.certificate());
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm(policy.signature());
        signature.setDigestAlgo(policy.digest());
        signature.setSigCanonicalization(policy.canonicalization());
        signature.setAddInclusivePrefixes(false);
        signature.getParts().add(new WSEncryptionPart("Body", Namespaces.SOAP12, ""));
        signature.getParts().add(new WSEncryptionPart("Timestamp", Namespaces.WSU, ""));
        signature.build(crypto);
        return references(signature.getSignatureElement());
    }

    private Document envelope(Element content) {
        Document doc = xml.newDocument();
        Element env = doc.createElementNS(Namespaces.SOAP12, "soap:Envelope");
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:soap", Namespaces.SOAP12);
        doc.appendChild(env);
        env.appendChild(doc.createElementNS(Namespaces.SOAP12, "soap:Header"));
        Element body = doc.createElementNS(Namespaces.SOAP12, "soap:Body");
        env.appendChild(body);
        body.appendChild(doc.importNode(content, true));
        // Exclusive C14N renders the xmlns attributes present in the DOM; elements built or copied
        // in code may lack them until serialization adds them, which would change the digest.
        doc.getDomConfig().setParameter("namespaces", true);
        doc.normalizeDocument();
        return doc;
    }

    static List<SignedReference> references(Element signatureElement) {
        return referencesIn(Dom.child(signatureElement, Namespaces.DS, "SignedInfo"));
    }

    /** The ds:Reference children of a SignedInfo or of a receipt's NonRepudiationInformation. */
    static List<SignedReference> referencesIn(Element parent) {
        List<SignedReference> refs = new ArrayList<>();
        for (Element ref : Dom.children(parent, Namespaces.DS, "Reference")) {
            Element method = Dom.child(ref, Namespaces.DS, "DigestMethod");
            Element value = Dom.child(ref, Namespaces.DS, "DigestValue");
            refs.add(new SignedReference(
                    ref.getAttribute("URI"),
                    method.getAttribute("Algorithm"),
                    java.util.Base64.getMimeDecoder().decode(value.getTextContent())));
        }
        return refs;
    }

    private SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(AlgorithmPolicy.AES256_GCM.equals(policy.outboundDataEncryption()) ? 256 : 128);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    /**
     * An identity transformer per thread: building one (and its factory) for every envelope cost a
     * sixth of serialising it. The JDK's own implementation, without the class-path lookup
     * newInstance() makes on every call.
     */
    private final ThreadLocal<Transformer> serializers = ThreadLocal.withInitial(() -> {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            return transformer;
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot build the envelope serialiser", e);
        }
    });

    private byte[] serialize(Document doc) {
        Transformer transformer = serializers.get();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            serializers.remove();
            throw new IllegalStateException("Cannot serialize the envelope", e);
        }
    }
}
