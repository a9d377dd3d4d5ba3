package org.mlagateway.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.security.AlgorithmPolicy;
import org.mlagateway.security.KeyMaterial;
import org.mlagateway.security.PartnerTrust;
import org.mlagateway.security.SignedEnvelopeCheck;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.store.Direction;
import org.mlagateway.store.LogCheckpoints;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.StoredMessage;

/**
 * Evidence about one stored message: {@link #verify} re-checks it, {@link #export} writes a bundle
 * that anyone can check with public tools ({@code xmlsec1}, {@code openssl}, {@code sh}).
 *
 * <p>What is checked, each as a named {@link Check}: the stored envelope's XML signature (value and
 * both references, over the stored bytes with the stored decrypted message in the Body), its
 * signer's certificate path to the partner's configured anchors (ours for outgoing messages) as of
 * the signing time, the content digest, the receipt (issued by us for IN, the partner's for OUT),
 * and the message's segment of the hash chain: every entry's hash, every prev_hash link, and the
 * signed checkpoint that covers them. Nothing is judged against "now": the envelope's Timestamp has
 * long expired, and certificates are judged as of when they signed.
 *
 * <p>{@code verify} only reads. {@code export} signs a checkpoint of the current head first when no
 * checkpoint covers the message's entries yet, since a bundle is only worth having when a signature
 * covers its log entries; it fails with {@code InternalError} when the store cannot sign one.
 * Unknown messages fail with {@code NotFound}. Thread-safe.
 */
public final class Evidence {
    public static final String ENVELOPE_SIGNATURE = "envelope-signature";
    public static final String SIGNER_CERTIFICATE = "signer-certificate";
    public static final String CONTENT_DIGEST = "content-digest";
    public static final String RECEIPT = "receipt";
    public static final String LOG_ENTRIES = "log-entries";
    public static final String LOG_CHAIN = "log-chain";
    public static final String CHECKPOINT = "checkpoint";

    /** SKIPPED: the check does not apply yet (not sent, no receipt yet, no checkpoint yet). */
    public enum Outcome {
        PASS,
        FAIL,
        SKIPPED
    }

    /** One named check and why it passed, failed or was skipped (no payload, no personal data). */
    public record Check(String name, Outcome outcome, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }

        static Check pass(String name, String detail) {
            return new Check(name, Outcome.PASS, detail);
        }

        static Check fail(String name, String detail) {
            return new Check(name, Outcome.FAIL, detail);
        }

        static Check skipped(String name, String detail) {
            return new Check(name, Outcome.SKIPPED, detail);
        }
    }

    /** The checks of one message, in a fixed order; {@link #ok()} when none failed. */
    public record Report(long messagePk, String messageId, Direction direction, String partner, List<Check> checks) {
        public Report {
            checks = List.copyOf(checks);
        }

        public boolean ok() {
            return checks.stream().noneMatch(c -> c.outcome() == Outcome.FAIL);
        }

        public Optional<Check> check(String name) {
            return checks.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        /** One line per check: {@code PASS  name  detail}. */
        public String describe() {
            return checks.stream()
                    .map(c -> String.format("%-7s %-18s %s", c.outcome(), c.name(), c.detail()))
                    .collect(Collectors.joining("\n", "", "\n"));
        }
    }

    private final MessageReads reads;
    private final MessageLog log;
    private final LogCheckpoints checkpoints;
    private final EvidenceTrust trust;
    private final SignedEnvelopeCheck signatures;
    private final int maxXmlDepth;

    /**
     * @param signingChain    this gateway's signing certificate, then its issuers
     * @param tsaCertificates the configured time-stamping authority's certificate(s), or none
     */
    public <S extends MessageReads & MessageLog & LogCheckpoints> Evidence(
            S store,
            String authorityId,
            List<X509Certificate> signingChain,
            PartnerTrust partners,
            List<X509Certificate> tsaCertificates,
            int maxXmlDepth) {
        this.reads = Objects.requireNonNull(store, "store");
        this.log = store;
        this.checkpoints = store;
        this.trust = EvidenceTrust.of(authorityId, signingChain, partners, tsaCertificates);
        this.maxXmlDepth = maxXmlDepth;
        this.signatures = new SignedEnvelopeCheck(AlgorithmPolicy.PROFILE, maxXmlDepth);
    }

    /** Evidence for the gateway this configuration describes. */
    public static <S extends MessageReads & MessageLog & LogCheckpoints> Evidence of(
            GatewayConfig config, KeyMaterial keys, S store) {
        List<X509Certificate> tsa = new java.util.ArrayList<>();
        for (var authority : config.log().tsa()) {
            try {
                tsa.addAll(PkiFiles.readCertificates(authority.certificate()));
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException(
                        "cannot read the TSA certificate "
                                + authority.certificate().getFileName(),
                        e);
            }
        }
        return new Evidence(
                store,
                config.authority().id(),
                signingChain(keys),
                keys.partnerTrust(),
                tsa,
                config.limits().maxXmlDepth());
    }

    /**
     * Our signing certificate, then its issuers, and during a rollover (docs/key-rollover.md) the
     * next key's issuers too: what either key signed is checked against the CAs that issued it.
     */
    static List<X509Certificate> signingChain(KeyMaterial keys) {
        List<X509Certificate> chain = new java.util.ArrayList<>(keys.signing().chain());
        // A chain of the leaf alone makes the leaf its own anchor (EvidenceTrust): left as it is.
        if (keys.signingKeys().next() != null && chain.size() > 1) {
            List<X509Certificate> next = keys.signingKeys().next().chain();
            for (X509Certificate c : next.size() > 1 ? next.subList(1, next.size()) : next) {
                if (!chain.contains(c)) {
                    chain.add(c);
                }
            }
        }
        return chain;
    }

    /** Re-checks one stored message; reads only. */
    public Report verify(long messagePk) {
        return report(load(messagePk));
    }

    /**
     * The one stored message with this id, narrowed by direction and partner when given (either
     * may be null).
     *
     * @throws GatewayException NotFound when none matches; InvalidRequest naming each candidate as
     *                          direction/partner when more than one does
     */
    public StoredMessage find(String messageId, Direction direction, String partner) {
        List<StoredMessage> found = reads.messagesById(messageId).stream()
                .filter(m -> direction == null || m.direction() == direction)
                .filter(m -> partner == null || m.partner().equals(partner))
                .toList();
        if (found.isEmpty()) {
            throw new GatewayException(
                    ErrorCode.NOT_FOUND,
                    "no stored message " + messageId + (direction != null ? " direction " + direction : "")
                            + (partner != null ? " partner " + partner : ""));
        }
        if (found.size() > 1) {
            throw new GatewayException(
                    ErrorCode.INVALID_REQUEST,
                    "message " + messageId + " is stored "
                            + found.size() + " times ("
                            + found.stream()
                                    .map(m -> m.direction() + "/" + m.partner())
                                    .collect(Collectors.joining(", "))
                            + "): name one with --direction and --partner");
        }
        return found.get(0);
    }

    /**
     * Writes the evidence bundle of one message as a zip to {@code out} (not closed), first signing a
     * checkpoint of the head if none covers the message's log entries yet. Returns the checks the
     * gateway ran, which the bundle also carries as {@code CHECKS.txt}.
     */
    public Report export(long messagePk, OutputStream out) throws IOException {
        EvidenceCase c = load(messagePk);
        if (c.segment == null) {
            throw new GatewayException(ErrorCode.NOT_FOUND, "no log entry names message " + c.message.messageId());
        }
        if (!c.segment.covered()) {
            checkpoints.checkpoint();
            c = load(messagePk);
            if (!c.segment.covered()) {
                throw new GatewayException(
                        ErrorCode.INTERNAL_ERROR,
                        "no checkpoint covers log seq " + c.segment.lastMessageSeq()
                                + " and this store cannot sign one (no signing key)");
            }
        }
        Report report = report(c);
        new BundleWriter(log, reads, trust, c, report, maxXmlDepth).write(out);
        return report;
    }

    private EvidenceCase load(long messagePk) {
        StoredMessage message = reads.message(messagePk)
                .orElseThrow(() -> new GatewayException(ErrorCode.NOT_FOUND, "no stored message with pk " + messagePk));
        return EvidenceCase.load(reads, log, checkpoints, trust, signatures, maxXmlDepth, message);
    }

    private static Report report(EvidenceCase c) {
        StoredMessage m = c.message;
        return new Report(m.pk(), m.messageId(), m.direction(), m.partner(), c.checks);
    }
}
