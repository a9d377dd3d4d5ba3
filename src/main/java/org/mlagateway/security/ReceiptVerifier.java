package org.mlagateway.security;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.mlagateway.message.Sha256;
import org.w3c.dom.Element;

/**
 * Verifies a partner's receipt for an envelope we sent (docs/protocol.md#receipt: its signed
 * Timestamp, the profile's algorithms, a signature covering exactly Body and Timestamp, a signer
 * trusted for that very partner, and content that matches what we sent: the message id, the
 * SHA-256 of our envelope bytes, and every reference of our signature. Only then is a message
 * {@code DELIVERED}.
 */
public final class ReceiptVerifier {
    private final PartnerTrust trust;
    private final Clock clock;
    private final SafeXml xml;
    private final TimestampStep timestamp;
    private final AlgorithmStep algorithms;
    private final SignatureStep signature;

    public ReceiptVerifier(
            PartnerTrust trust, AlgorithmPolicy policy, Clock clock, Duration clockSkew, int maxXmlDepth) {
        XmlSecurity.init();
        this.trust = trust;
        this.clock = clock;
        this.xml = new SafeXml(maxXmlDepth);
        this.timestamp = new TimestampStep(clockSkew);
        this.algorithms = new AlgorithmStep(policy);
        this.signature = new SignatureStep(policy.minRsaBits());
    }

    /**
     * @throws GatewayException with the security step's code for a badly signed receipt, or
     *                          {@code ReceiptInvalid} when it does not match what was sent
     */
    public Receipt verify(byte[] response, String messageId, SealedEnvelope sent, String partnerId) {
        Instant now = clock.instant();
        SecuredEnvelope env = SecuredEnvelope.of(xml.parse(response));
        timestamp.check(env, now);
        algorithms.check(env);
        SignatureStep.Result signed = signature.check(env);
        SignatureStep.verifyBody(signed);
        if (!trust.trustedFor(signed.signer(), now).contains(partnerId)) {
            throw new GatewayException(ErrorCode.SENDER_MISMATCH, "the receipt is not signed by " + partnerId);
        }
        List<Element> content = Dom.elements(env.body);
        if (content.size() != 1
                || !"Receipt".equals(content.get(0).getLocalName())
                || !Namespaces.EXC.equals(content.get(0).getNamespaceURI())) {
            throw invalid("the response Body is not one exc:Receipt");
        }
        Receipt receipt = read(content.get(0));
        if (!messageId.equals(receipt.messageId())) {
            throw invalid("the receipt is for another message");
        }
        if (!MessageDigest.isEqual(Sha256.of(sent.bytes()), receipt.envelopeDigest())) {
            throw invalid("the receipt's envelope digest is not that of the envelope we sent");
        }
        Set<SignedReference> proved = new HashSet<>(
                EnvelopeSealer.referencesIn(Dom.child(content.get(0), Namespaces.EXC, "NonRepudiationInformation")));
        if (!proved.equals(new HashSet<>(sent.references()))) {
            throw invalid("the receipt's references do not match our signature's");
        }
        return receipt;
    }

    private static Receipt read(Element r) {
        try {
            Element original = Dom.child(r, Namespaces.EXC, "Original");
            return new Receipt(
                    Dom.text(r, Namespaces.EXC, "MessageId"),
                    Receipt.Status.valueOf(Dom.text(r, Namespaces.EXC, "Status")),
                    Instant.parse(Dom.text(r, Namespaces.EXC, "ReceivedAt")),
                    Long.parseLong(Dom.text(r, Namespaces.EXC, "LogSequence")),
                    original == null ? null : Instant.parse(Dom.text(original, Namespaces.EXC, "ReceivedAt")),
                    original == null ? null : Long.parseLong(Dom.text(original, Namespaces.EXC, "LogSequence")),
                    Base64.getMimeDecoder().decode(Dom.text(r, Namespaces.EXC, "EnvelopeDigest")));
        } catch (RuntimeException e) {
            // NullPointer (missing element), NumberFormat, DateTimeParse, IllegalArgument: all malformed.
            throw invalid("the receipt is malformed");
        }
    }

    private static GatewayException invalid(String detail) {
        return new GatewayException(ErrorCode.RECEIPT_INVALID, detail);
    }
}
