package org.mlagateway.security;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
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
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.mlagateway.security.pki.IssuedKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the AS4 messages this gateway sends (docs/as4.md#outbound): a SOAP 1.2 envelope whose
 * {@code eb:Messaging} header holds the UserMessage and whose Body is empty, the payloads as MIME
 * parts, one signature over {@code eb:Messaging}, the Body and every part (the SwA content transform),
 * made with our key and its certificate as a BinarySecurityToken, and then every part encrypted to the
 * partner's certificate, as the profile says. Also signs our receipts. Thread-safe.
 */
public final class As4Sealer {
    private static final String SWA_ATTACHMENTS = "cid:Attachments";

    private final SigningKeys signingKeys;
    private final OwnKeyCrypto currentCrypto;
    private final OwnKeyCrypto nextCrypto;
    private final Clock clock;
    private final SafeXml xml;
    private final long maxPartBytes;

    public As4Sealer(SigningKeys signingKeys, Clock clock, int maxXmlDepth, long maxPartBytes) {
        XmlSecurity.init();
        this.signingKeys = signingKeys;
        this.currentCrypto = new OwnKeyCrypto(signingKeys.current());
        this.nextCrypto = signingKeys.next() == null ? null : new OwnKeyCrypto(signingKeys.next());
        this.clock = clock;
        this.xml = new SafeXml(maxXmlDepth);
        this.maxPartBytes = maxPartBytes;
    }

    /** What we put on the wire, and the references of our signature, which the partner's receipt must repeat. */
    public record Sealed(As4Mime.Written wire, List<SignedReference> references) {}

    /** Signs and encrypts a UserMessage with its payload parts for the partner's encryption certificate. */
    public Sealed seal(As4UserMessage header, List<As4Mime.Part> payloads, X509Certificate recipient, As4Profile p) {
        return seal(header, payloads, payloads, recipient, p);
    }

    /**
     * As {@link #seal}, but encrypting {@code encrypted} where {@code signed} was signed: only tests use this,
     * to build a message whose part was swapped after signing. {@code recipient} null leaves the parts in clear.
     */
    Sealed seal(
            As4UserMessage header,
            List<As4Mime.Part> signed,
            List<As4Mime.Part> encrypted,
            X509Certificate recipient,
            As4Profile profile) {
        Document doc = envelope();
        Element messaging = (Element)
                doc.getElementsByTagNameNS(As4Profile.EBMS, "Messaging").item(0);
        header.appendTo(messaging);
        declareNamespaces(doc);
        try {
            WSSecHeader security = new WSSecHeader(doc);
            security.setMustUnderstand(true);
            security.insertSecurityHeader();
            As4Attachments signing = new As4Attachments(signed, maxPartBytes);
            WSSecSignature signature = signature(security, profile, messaging);
            if (!signed.isEmpty()) {
                signature.getParts().add(new WSEncryptionPart(SWA_ATTACHMENTS, "Content"));
                signature.setAttachmentCallbackHandler(signing);
            }
            signature.build(crypto());
            List<SignedReference> refs = EnvelopeSealer.references(signature.getSignatureElement());
            List<As4Mime.Part> parts = encrypted;
            if (recipient != null && !encrypted.isEmpty()) {
                As4Attachments encrypting = new As4Attachments(encrypted, maxPartBytes);
                WSSecEncrypt encrypt = new WSSecEncrypt(security);
                encrypt.setUseThisCert(recipient);
                encrypt.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
                encrypt.setSymmetricEncAlgorithm(profile.dataEncryption());
                encrypt.setKeyEncAlgo(profile.keyTransport());
                encrypt.setMGFAlgorithm(profile.keyTransportMgf());
                encrypt.setDigestAlgorithm(profile.keyTransportDigest());
                encrypt.getParts().add(new WSEncryptionPart(SWA_ATTACHMENTS, "Content"));
                encrypt.setAttachmentCallbackHandler(encrypting);
                encrypt.build(crypto(), dataKey());
                parts = encrypting.parts();
            }
            return new Sealed(new As4Mime(serialize(doc), parts).write(), refs);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("Cannot secure the AS4 message: " + e.getMessage(), e);
        }
    }

    /**
     * Signs a signal (our receipt, or an error): {@code eb:Messaging} and the empty Body, no encryption.
     * {@code fill} appends the SignalMessage to the {@code eb:Messaging} element it is given.
     */
    public byte[] signSignal(java.util.function.Consumer<Element> fill, As4Profile profile) {
        Document doc = envelope();
        Element messaging = (Element)
                doc.getElementsByTagNameNS(As4Profile.EBMS, "Messaging").item(0);
        fill.accept(messaging);
        declareNamespaces(doc);
        try {
            WSSecHeader security = new WSSecHeader(doc);
            security.setMustUnderstand(true);
            security.insertSecurityHeader();
            signature(security, profile, messaging).build(crypto());
            return serialize(doc);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("Cannot sign the AS4 signal: " + e.getMessage(), e);
        }
    }

    /** A signal as it is, unsigned: the form of our ebMS errors, which may answer what we could not read. */
    public byte[] unsignedSignal(java.util.function.Consumer<Element> fill) {
        Document doc = envelope();
        fill.accept((Element)
                doc.getElementsByTagNameNS(As4Profile.EBMS, "Messaging").item(0));
        return serialize(doc);
    }

    private WSSecSignature signature(WSSecHeader security, As4Profile profile, Element messaging) {
        IssuedKey key = signingKeys.at(clock.instant());
        WSSecSignature signature = new WSSecSignature(security);
        if (key.inToken()) {
            signature.setSignatureProvider(key.provider());
        }
        signature.setUserInfo(OwnKeyCrypto.ALIAS, "");
        signature.setX509Certificate(key.certificate());
        signature.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
        signature.setSignatureAlgorithm(profile.signature());
        signature.setDigestAlgo(profile.digest());
        signature.setSigCanonicalization(profile.canonicalization());
        signature.setAddInclusivePrefixes(false);
        signature.getParts().add(new WSEncryptionPart(messaging.getAttributeNS(Namespaces.WSU, "Id"), "Element"));
        signature.getParts().add(new WSEncryptionPart("Body", Namespaces.SOAP12, "Element"));
        return signature;
    }

    private OwnKeyCrypto crypto() {
        IssuedKey key = signingKeys.at(clock.instant());
        return key == signingKeys.current() ? currentCrypto : nextCrypto;
    }

    private Document envelope() {
        Document doc = xml.newDocument();
        Element env = doc.createElementNS(Namespaces.SOAP12, "S12:Envelope");
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:S12", Namespaces.SOAP12);
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:eb", As4Profile.EBMS);
        env.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", Namespaces.WSU);
        doc.appendChild(env);
        Element header = doc.createElementNS(Namespaces.SOAP12, "S12:Header");
        env.appendChild(header);
        Element messaging = doc.createElementNS(As4Profile.EBMS, "eb:Messaging");
        messaging.setAttributeNS(Namespaces.SOAP12, "S12:mustUnderstand", "true");
        messaging.setAttributeNS(Namespaces.WSU, "wsu:Id", "_" + UUID.randomUUID());
        header.appendChild(messaging);
        Element body = doc.createElementNS(Namespaces.SOAP12, "S12:Body");
        body.setAttributeNS(Namespaces.WSU, "wsu:Id", "_" + UUID.randomUUID());
        env.appendChild(body);
        return doc;
    }

    /**
     * Exclusive C14N renders the xmlns attributes present in the DOM; elements built or imported in
     * code may lack them until serialization adds them, which would change the digest.
     */
    private static void declareNamespaces(Document doc) {
        doc.getDomConfig().setParameter("namespaces", true);
        doc.normalizeDocument();
    }

    private static SecretKey dataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(128);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available", e);
        }
    }

    private static byte[] serialize(Document doc) {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot serialize the AS4 envelope", e);
        }
    }
}
