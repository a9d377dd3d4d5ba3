package org.mlagateway.security;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.mlagateway.security.pki.IssuedKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies an inbound envelope against the exchange profile, as a sequence of small steps, each
 * failing with its own error code (docs/protocol.md#security-header, "Trust", "Structure"):
 * <ol>
 *   <li>structure: one Header, one Body, one Security header, unique Ids;</li>
 *   <li>timestamp;</li>
 *   <li>algorithms;</li>
 *   <li>signature value, coverage of Body and Timestamp, and the Timestamp digest;</li>
 *   <li>certificate path, validity, CRL and key usage, against the partners' anchors;</li>
 *   <li>decryption, then the Body digest over the plaintext the sender signed;</li>
 *   <li>binding of the certificate to the sender named in {@code msg:Header};</li>
 *   <li>recipient.</li>
 * </ol>
 * The Body digest and the header checks necessarily follow decryption: the message is signed, then
 * encrypted. Schema, document digests and replay are the exchange layer's next steps.
 * Instances are thread-safe.
 */
public final class InboundVerifier {
    private final String ownAuthorityId;
    private final PartnerTrust trust;
    private final Clock clock;
    private final SafeXml xml;
    private final TimestampStep timestamp;
    private final AlgorithmStep algorithms;
    private final SignatureStep signature;
    private final DecryptionStep decryption;

    public InboundVerifier(
            String ownAuthorityId,
            IssuedKey encryptionKey,
            PartnerTrust trust,
            AlgorithmPolicy policy,
            Clock clock,
            Duration clockSkew,
            int maxXmlDepth) {
        this(ownAuthorityId, List.of(encryptionKey), trust, policy, clock, clockSkew, maxXmlDepth);
    }

    /**
     * With every key that decrypts: our encryption key, and during a rollover its next key as well
     * (docs/key-rollover.md). A message is decrypted with the key its EncryptedKey names.
     */
    public InboundVerifier(
            String ownAuthorityId,
            List<IssuedKey> decryptionKeys,
            PartnerTrust trust,
            AlgorithmPolicy policy,
            Clock clock,
            Duration clockSkew,
            int maxXmlDepth) {
        XmlSecurity.init();
        this.ownAuthorityId = ownAuthorityId;
        this.trust = trust;
        this.clock = clock;
        this.xml = new SafeXml(maxXmlDepth);
        this.timestamp = new TimestampStep(clockSkew);
        this.algorithms = new AlgorithmStep(policy);
        this.signature = new SignatureStep(policy.minRsaBits());
        this.decryption = new DecryptionStep(decryptionKeys);
    }

    /** Runs every step on the raw envelope bytes; throws {@link GatewayException} at the first failure. */
    public VerifiedMessage verify(byte[] envelopeBytes) {
        return verify(envelopeBytes, new EnvelopeFacts());
    }

    /**
     * As {@link #verify(byte[])}, recording in {@code facts} what each step read of the envelope
     * (the signer's subject, then the claimed sender and message id), so that a rejection at any
     * later step can be logged with them.
     */
    public VerifiedMessage verify(byte[] envelopeBytes, EnvelopeFacts facts) {
        Instant now = clock.instant();
        SecuredEnvelope env = SecuredEnvelope.of(xml.parse(envelopeBytes));
        X509Certificate claimedSigner = SignatureStep.claimedSigner(env);
        if (claimedSigner != null) {
            facts.signer(claimedSigner);
        }
        Instant[] validity = timestamp.check(env, now);
        algorithms.check(env);
        SignatureStep.Result signed = signature.check(env);
        facts.signer(signed.signer());
        AlgorithmStep.requireEncryptedBody(env);
        Set<String> partners = trust.trustedFor(signed.signer(), now);
        List<Element> referenceElements = referenceCopies(signed.signature());
        DecryptionStep.Parts encrypted = decryption.decrypt(env);
        List<VerifiedPart> parts = VerifiedPart.of(signed.parts(), encrypted);
        // Readable only now: the sender encrypted the header with the rest of the Body.
        claimedHeader(env, facts);
        SignatureStep.verifyBody(signed);
        Element message = DecryptionStep.message(env);
        xml.checkDepth(message);
        String sender = headerAuthority(message, "Sender");
        trust.checkSender(partners, sender, signed.signer());
        facts.senderBound(true);
        String recipient = headerAuthority(message, "Recipient");
        if (!ownAuthorityId.equals(recipient)) {
            throw new GatewayException(ErrorCode.WRONG_RECIPIENT, "the message is addressed to another authority");
        }
        return new VerifiedMessage(
                message,
                signed.signer(),
                trust.partnerFor(sender).id(),
                sender,
                EnvelopeSealer.references(signed.signature()),
                referenceElements,
                signed.signatureValue(),
                validity[0],
                validity[1],
                parts);
    }

    /** The decrypted header's sender and message id as claimed, read by position without judging them. */
    private static void claimedHeader(SecuredEnvelope env, EnvelopeFacts facts) {
        Element message = Dom.child(env.body, Namespaces.MSG, "Message");
        Element header = message == null ? null : Dom.child(message, Namespaces.MSG, "Header");
        if (header == null) {
            return;
        }
        Element sender = Dom.child(header, Namespaces.MSG, "Sender");
        facts.header(
                sender == null ? null : Dom.text(sender, Namespaces.MSG, "AuthorityId"),
                Dom.text(header, Namespaces.MSG, "MessageId"));
    }

    /**
     * Copies of the sender's references in a document of their own: a clone would still belong to
     * the envelope's document and keep all of it (a large message's content included) reachable.
     */
    private List<Element> referenceCopies(Element signatureElement) {
        List<Element> copies = new ArrayList<>();
        Document own = xml.newDocument();
        Element signedInfo = Dom.child(signatureElement, Namespaces.DS, "SignedInfo");
        for (Element ref : Dom.children(signedInfo, Namespaces.DS, "Reference")) {
            copies.add((Element) own.importNode(ref, true));
        }
        return copies;
    }

    /** Reads {@code msg:Header/msg:<role>/msg:AuthorityId} by position, before schema validation. */
    static String headerAuthority(Element message, String role) {
        Element header = Dom.child(message, Namespaces.MSG, "Header");
        Element party = header == null ? null : Dom.child(header, Namespaces.MSG, role);
        String id = party == null ? null : Dom.text(party, Namespaces.MSG, "AuthorityId");
        if (id == null || id.isEmpty()) {
            throw new GatewayException(ErrorCode.SCHEMA_INVALID, "msg:Header has no " + role + "/AuthorityId");
        }
        return id;
    }
}
