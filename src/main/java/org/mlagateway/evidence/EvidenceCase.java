package org.mlagateway.evidence;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mlagateway.error.GatewayException;
import org.mlagateway.evidence.Evidence.Check;
import org.mlagateway.message.SafeXml;
import org.mlagateway.message.Sha256;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.PartnerTrust;
import org.mlagateway.security.ReceiptVerifier;
import org.mlagateway.security.SealedEnvelope;
import org.mlagateway.security.SignedEnvelopeCheck;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogCheckpoints;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.StoredMessage;
import org.mlagateway.store.StoredReceipt;

/**
 * One stored message re-checked as evidence, with what the checks found kept for the bundle: the
 * envelope with its signed plaintext put back, who signed it and when, the receipt and its signer,
 * and the message's segment of the log. Every check re-uses the code that judged the message when
 * it arrived or was delivered, as of the time it was signed, never "now".
 */
final class EvidenceCase {
    final StoredMessage message;
    final BundleEnvelope envelope;
    final byte[] signedEnvelope;
    final SignedEnvelopeCheck.Result envelopeSignature;
    final StoredReceipt receipt;
    final SignedEnvelopeCheck.Result receiptSignature;
    final EvidenceLog.Segment segment;
    final List<Check> checks = new ArrayList<>();

    private final EvidenceTrust trust;
    private final SignedEnvelopeCheck signatures;
    private final int maxXmlDepth;
    private final boolean incoming;

    private EvidenceCase(
            MessageReads reads,
            MessageLog log,
            LogCheckpoints checkpoints,
            EvidenceTrust trust,
            SignedEnvelopeCheck signatures,
            int maxXmlDepth,
            StoredMessage message) {
        this.message = message;
        this.trust = trust;
        this.signatures = signatures;
        this.maxXmlDepth = maxXmlDepth;
        this.incoming = message.direction() == Direction.IN;
        this.segment = EvidenceLog.of(log, checkpoints, message).orElse(null);
        this.receipt = chooseReceipt(reads.receipts(message.pk()));

        EnvelopeFindings found = envelopeCheck(maxXmlDepth);
        checks.add(found.check());
        this.envelope = found.located();
        this.signedEnvelope = found.signed();
        this.envelopeSignature = found.verified();
        checks.add(signerCheck());
        checks.add(contentDigestCheck());
        if (receipt == null) {
            checks.add(Check.skipped(
                    Evidence.RECEIPT,
                    incoming
                            ? "no receipt is kept for this message"
                            : "no receipt yet (status " + message.status() + ")"));
        }
        this.receiptSignature = receipt == null ? null : receiptCheck();
        if (segment == null) {
            checks.add(Check.fail(Evidence.LOG_ENTRIES, "no log entry names message " + message.messageId()));
        } else {
            checks.addAll(EvidenceLog.check(log, checkpoints, segment));
        }
    }

    /** The located envelope, the envelope as signed, and its verified signature, as far as they went. */
    private record EnvelopeFindings(
            BundleEnvelope located, byte[] signed, SignedEnvelopeCheck.Result verified, Check check) {}

    /** The stored envelope, its stored message put back, checked as its sender's signature covers it. */
    private EnvelopeFindings envelopeCheck(int maxXmlDepth) {
        if (message.envelope() == null) {
            return new EnvelopeFindings(
                    null,
                    null,
                    null,
                    incoming
                            ? Check.fail(Evidence.ENVELOPE_SIGNATURE, "no envelope is stored")
                            : Check.skipped(
                                    Evidence.ENVELOPE_SIGNATURE,
                                    "not sent yet (status " + message.status().dbName() + ")"));
        }
        BundleEnvelope located = null;
        byte[] signed = null;
        try {
            located = BundleEnvelope.locate(message.envelope(), new SafeXml(maxXmlDepth));
            signed = located.withContent(message.messageXml());
            SignedEnvelopeCheck.Result verified = signatures.verify(signed);
            return new EnvelopeFindings(
                    located,
                    signed,
                    verified,
                    Check.pass(
                            Evidence.ENVELOPE_SIGNATURE,
                            "the signature value and the digests of the Body (holding the stored message) and the"
                                    + " Timestamp verify; signed at " + verified.created()));
        } catch (GatewayException e) {
            return new EnvelopeFindings(
                    located,
                    signed,
                    null,
                    Check.fail(Evidence.ENVELOPE_SIGNATURE, e.code().wireName() + ": " + e.getMessage()));
        }
    }

    /** Adds the receipt's check; returns its verified signature, or null when it does not verify. */
    private SignedEnvelopeCheck.Result receiptCheck() {
        try {
            SignedEnvelopeCheck.Result signed = signatures.verify(receipt.xml());
            checks.add(receiptContentCheck(signed));
            return signed;
        } catch (GatewayException e) {
            checks.add(Check.fail(Evidence.RECEIPT, e.code().wireName() + ": " + e.getMessage()));
            return null;
        }
    }

    static EvidenceCase load(
            MessageReads reads,
            MessageLog log,
            LogCheckpoints checkpoints,
            EvidenceTrust trust,
            SignedEnvelopeCheck signatures,
            int maxXmlDepth,
            StoredMessage message) {
        return new EvidenceCase(reads, log, checkpoints, trust, signatures, maxXmlDepth, message);
    }

    boolean incoming() {
        return incoming;
    }

    /** The PKI the envelope's signer must chain to: the partner's anchors (IN) or ours (OUT). */
    List<X509Certificate> envelopeAnchors() {
        return incoming ? trust.partnerAnchors(message.partner()) : trust.ownAnchors();
    }

    /** The PKI the receipt's signer must chain to: ours for receipts we issued, the partner's for theirs. */
    List<X509Certificate> receiptAnchors() {
        return incoming ? trust.ownAnchors() : trust.partnerAnchors(message.partner());
    }

    /**
     * The receipt that answers the stored envelope: for an incoming message the one we issued on
     * acceptance (a DUPLICATE receipt answers a re-delivered envelope, whose bytes were not kept);
     * for an outgoing one the partner's receipt for the last sent envelope.
     */
    private StoredReceipt chooseReceipt(List<StoredReceipt> receipts) {
        String wanted = incoming ? StoredReceipt.ISSUED : StoredReceipt.RECEIVED;
        List<StoredReceipt> mine =
                receipts.stream().filter(r -> wanted.equals(r.direction())).toList();
        if (mine.isEmpty()) {
            return null;
        }
        if (incoming) {
            return mine.stream()
                    .filter(r -> "ACCEPTED".equals(r.status()))
                    .findFirst()
                    .orElse(mine.get(0));
        }
        return mine.get(mine.size() - 1);
    }

    /** RFC 5280 path validation as of the signing time, and for IN the binding to the sender. */
    private Check signerCheck() {
        if (envelopeSignature == null) {
            return Check.skipped(Evidence.SIGNER_CERTIFICATE, "the envelope's signature did not verify");
        }
        var signer = envelopeSignature.signer();
        String who = "'" + signer.getSubjectX500Principal().getName() + "'";
        try {
            if (incoming) {
                Set<String> partners = trust.partners().trustedFor(signer, envelopeSignature.created());
                trust.partners().checkSender(partners, message.partner(), signer);
                return Check.pass(
                        Evidence.SIGNER_CERTIFICATE,
                        who + " chained to the signing anchors of " + message.partner() + " at "
                                + envelopeSignature.created() + " and speaks for it");
            }
            trust.self().trustedFor(signer, envelopeSignature.created());
            return Check.pass(
                    Evidence.SIGNER_CERTIFICATE,
                    who + " chained to this gateway's CA at " + envelopeSignature.created());
        } catch (GatewayException e) {
            return Check.fail(Evidence.SIGNER_CERTIFICATE, e.code().wireName() + ": " + e.getMessage());
        }
    }

    /**
     * The stored message's SHA-256 is its stored content digest (docs/protocol.md#replay-and-duplicates, and for an
     * incoming message also the one its {@code stored} log entry recorded.
     */
    private Check contentDigestCheck() {
        String actual = Sha256.hex(message.messageXml());
        if (!actual.equals(message.contentSha256())) {
            return Check.fail(
                    Evidence.CONTENT_DIGEST,
                    "the stored message's SHA-256 is " + actual + ", not the stored content digest "
                            + message.contentSha256());
        }
        if (!incoming || segment == null) {
            return Check.pass(Evidence.CONTENT_DIGEST, "SHA-256 of the stored message is its content digest " + actual);
        }
        for (LogEntry e : segment.messageEntries()) {
            if ("stored".equals(e.event()) && e.details().contains("\"sha256\":\"")) {
                return e.details().contains("\"sha256\":\"" + actual + "\"")
                        ? Check.pass(
                                Evidence.CONTENT_DIGEST,
                                "SHA-256 of the stored message is the content digest " + actual
                                        + " recorded by log entry seq " + e.seq())
                        : Check.fail(
                                Evidence.CONTENT_DIGEST,
                                "log entry seq " + e.seq()
                                        + " recorded another content digest than the stored message's " + actual);
            }
        }
        return Check.fail(Evidence.CONTENT_DIGEST, "no 'stored' log entry records the content digest");
    }

    /**
     * The receipt as the sender verified it on delivery, with the clock set to the receipt's own
     * signing time: signature, signer trusted for the authority that issued it, this message id, the
     * SHA-256 of the stored envelope, and every digest of the envelope's signature.
     */
    private Check receiptContentCheck(SignedEnvelopeCheck.Result signed) {
        if (message.envelope() == null) {
            return Check.fail(Evidence.RECEIPT, "a receipt is stored but no envelope");
        }
        PartnerTrust issuerTrust = incoming ? trust.self() : trust.partners();
        String issuer = incoming ? trust.authorityId() : message.partner();
        ReceiptVerifier verifier = new ReceiptVerifier(
                issuerTrust,
                AlgorithmPolicy.PROFILE,
                Clock.fixed(signed.created(), ZoneOffset.UTC),
                Duration.ZERO,
                maxXmlDepth);
        SealedEnvelope sent = new SealedEnvelope(message.envelope(), signatures.declaredReferences(message.envelope()));
        verifier.verify(receipt.xml(), message.messageId(), sent, issuer);
        return Check.pass(
                Evidence.RECEIPT,
                receipt.status() + " receipt signed by '"
                        + signed.signer().getSubjectX500Principal().getName() + "' (" + issuer + ") at "
                        + signed.created()
                        + " names this message, the SHA-256 of the stored envelope and its signature's digests");
    }
}
