package org.mlagateway.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.Merlin;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.message.WSSecEncrypt;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.message.WSSecTimestamp;
import org.mlagateway.security.pki.IssuedKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds WS-Security envelopes the way an independent partner stack could, including the ways an
 * attacker or a misconfigured partner would: other algorithms, other key identifiers, unsigned or
 * long-lived timestamps, extra signed parts. Built directly on WSS4J, not on the gateway's sealer,
 * so that the verifier is tested against something it did not produce.
 */
public final class EnvelopeForge {
    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String WSU =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public static final String AES128_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";
    public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";
    public static final String AES128_CBC = "http://www.w3.org/2001/04/xmlenc#aes128-cbc";
    public static final String RSA_OAEP_11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public static final String RSA_15 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
    public static final String MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";

    public IssuedKey signingKey;
    public X509Certificate recipient;
    public String signatureAlgorithm = RSA_SHA256;
    public String digestAlgorithm = SHA256;
    public String dataAlgorithm = AES128_GCM;
    public String keyTransport = RSA_OAEP_11;
    public String mgf = MGF1_SHA256;
    public String keyTransportDigest = SHA256;
    public int encryptionKeyId = WSConstants.ISSUER_SERIAL;
    public boolean signBody = true;
    public boolean signTimestamp = true;
    /** Also sign an extra header element: a signature that covers more than Body and Timestamp. */
    public boolean signToken;

    public boolean timestamp = true;
    public int timestampTtlSeconds = 300;
    public Instant senderClock;
    public boolean encrypt = true;
    public boolean inclusivePrefixes = true;

    public EnvelopeForge(IssuedKey signingKey, X509Certificate recipient) {
        this.signingKey = signingKey;
        this.recipient = recipient;
    }

    /** Builds a secured envelope around {@code messageXml} (a msg:Message document). */
    public byte[] build(String messageXml) {
        org.apache.xml.security.Init.init();
        try {
            Document doc = envelope(messageXml);
            if (signToken) {
                Element extra = doc.createElementNS("urn:x", "x:Extra");
                extra.setAttributeNS(WSU, "wsu:Id", "extra-1");
                doc.getDocumentElement().getFirstChild().appendChild(extra);
            }
            WSSecHeader header = new WSSecHeader(doc);
            header.insertSecurityHeader();
            Merlin crypto = crypto();
            if (timestamp) {
                WSSecTimestamp ts = new WSSecTimestamp(header);
                ts.setTimeToLive(timestampTtlSeconds);
                if (senderClock != null) {
                    ts.setWsTimeSource(() -> senderClock);
                }
                ts.build();
            }
            WSSecSignature sig = new WSSecSignature(header);
            sig.setUserInfo("k", "pw");
            sig.setX509Certificate(signingKey.certificate());
            sig.setKeyIdentifierType(WSConstants.BST_DIRECT_REFERENCE);
            sig.setSignatureAlgorithm(signatureAlgorithm);
            sig.setDigestAlgo(digestAlgorithm);
            sig.setSigCanonicalization("http://www.w3.org/2001/10/xml-exc-c14n#");
            sig.setAddInclusivePrefixes(inclusivePrefixes);
            if (signBody) {
                sig.getParts().add(new WSEncryptionPart("Body", SOAP12, ""));
            }
            if (signTimestamp && timestamp) {
                sig.getParts().add(new WSEncryptionPart("Timestamp", WSU, ""));
            }
            if (signToken) {
                sig.getParts().add(new WSEncryptionPart("Extra", "urn:x", ""));
            }
            sig.build(crypto);
            if (encrypt) {
                WSSecEncrypt enc = new WSSecEncrypt(header);
                enc.setUseThisCert(recipient);
                enc.setKeyIdentifierType(encryptionKeyId);
                enc.setSymmetricEncAlgorithm(dataAlgorithm);
                enc.setKeyEncAlgo(keyTransport);
                if (mgf != null) {
                    enc.setMGFAlgorithm(mgf);
                }
                if (keyTransportDigest != null) {
                    enc.setDigestAlgorithm(keyTransportDigest);
                }
                enc.getParts().add(new WSEncryptionPart("Body", SOAP12, "Content"));
                KeyGenerator gen = KeyGenerator.getInstance("AES");
                gen.init(dataAlgorithm.contains("256") ? 256 : 128);
                enc.build(crypto, gen.generateKey());
            }
            return serialize(doc);
        } catch (Exception e) {
            throw new IllegalStateException("cannot forge envelope", e);
        }
    }

    private Merlin crypto() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "k",
                signingKey.privateKey(),
                "pw".toCharArray(),
                signingKey.chain().toArray(new Certificate[0]));
        Merlin merlin = new Merlin();
        merlin.setKeyStore(store);
        return merlin;
    }

    private static Document envelope(String messageXml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document message = f.newDocumentBuilder().parse(new ByteArrayInputStream(messageXml.getBytes("UTF-8")));
        Document doc = f.newDocumentBuilder().newDocument();
        Element env = doc.createElementNS(SOAP12, "soap:Envelope");
        doc.appendChild(env);
        env.appendChild(doc.createElementNS(SOAP12, "soap:Header"));
        Element body = doc.createElementNS(SOAP12, "soap:Body");
        env.appendChild(body);
        body.appendChild(doc.importNode(message.getDocumentElement(), true));
        return doc;
    }

    public static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] serialize(Document doc) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Elements anywhere in the document with this local name, in document order. */
    public static List<Element> find(Document doc, String localName) {
        List<Element> out = new ArrayList<>();
        var nodes = doc.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
