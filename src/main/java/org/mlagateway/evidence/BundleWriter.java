package org.mlagateway.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.mlagateway.store.Checkpoint;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageLog;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes one message's evidence bundle as a zip: the stored bytes exactly as kept (envelope,
 * message, receipt), the envelope with its signed plaintext put back, the log segment (the message's
 * own entries in full, other cases' as digests, see {@link BundleLog}) and its checkpoint, the certificates each
 * signature is checked with, the gateway's own checks, the documents that travelled as attachment
 * parts (streamed from the document store into the zip, never held whole), and
 * {@code VERIFY.md}, built alongside so that it names only the files present.
 */
final class BundleWriter {
    private static final String EXC = Namespaces.EXC;

    private final MessageLog log;
    private final MessageReads reads;
    private final EvidenceTrust trust;
    private final EvidenceCase c;
    private final Evidence.Report report;
    private final StoredMessage m;
    private final BundleGuide guide;
    private ZipOutputStream zip;

    private final int maxXmlDepth;

    BundleWriter(
            MessageLog log,
            MessageReads reads,
            EvidenceTrust trust,
            EvidenceCase c,
            Evidence.Report report,
            int maxXmlDepth) {
        this.maxXmlDepth = maxXmlDepth;
        this.log = log;
        this.reads = reads;
        this.trust = trust;
        this.c = c;
        this.report = report;
        this.m = c.message;
        this.guide = new BundleGuide(m, c.incoming());
    }

    void write(OutputStream out) throws IOException {
        zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        put(
                "message.xml",
                m.messageXml(),
                "the decrypted `msg:Message` as stored: its exclusive C14N, whose" + " SHA-256 is the content digest ("
                        + m.contentSha256() + ")");
        envelope();
        documents();
        receipt();
        log();
        put(
                "CHECKS.txt",
                report.describe().getBytes(StandardCharsets.UTF_8),
                "the checks this gateway ran when exporting (`" + (report.ok() ? "all passed" : "SOME FAILED") + "`)");
        put("VERIFY.md", guide.render(trust.authorityId()).getBytes(StandardCharsets.UTF_8), null);
        zip.finish();
    }

    private void envelope() throws IOException {
        if (m.envelope() == null) {
            guide.relation("No envelope is stored: the message has not been sent yet.");
            return;
        }
        put(
                "envelope.xml",
                m.envelope(),
                c.incoming()
                        ? "the SOAP envelope exactly as received: signed, then encrypted"
                        : "the last envelope sent, exactly as sent: signed, then encrypted for " + m.partner());
        if (c.signedEnvelope == null) {
            return;
        }
        put(
                "envelope-decrypted.xml",
                c.signedEnvelope,
                "`envelope.xml` with the Body's encrypted content replaced"
                        + " by `message.xml`: the envelope as its sender signed it");
        guide.envelopeBody(c.envelope.contentStart(), c.envelope.contentEnd());
        if (c.envelopeSignature == null) {
            return;
        }
        X509Certificate signer = c.envelopeSignature.signer();
        List<X509Certificate> anchors = c.envelopeAnchors();
        put("certs/envelope-signer.pem", BundleCertificates.pem(List.of(signer)), "the envelope signer's certificate");
        put(
                "certs/envelope-ca.pem",
                BundleCertificates.pem(anchors),
                c.incoming() ? "the signing anchors configured for " + m.partner() : "this gateway's CA certificates");
        guide.envelopeSignature("'" + BundleCertificates.subject(signer) + "'");
        guide.envelopeSigner(
                c.envelopeSignature.created().getEpochSecond(),
                BundleCertificates.hasRoot(anchors),
                c.incoming() ? "the signing anchors configured for " + m.partner() : "this gateway's CA");
        guide.relation("`envelope-decrypted.xml` differs from `envelope.xml` only inside the Body, so its signature"
                + " is the stored envelope's; its Body digest is over `message.xml`, which is therefore what "
                + (c.incoming() ? m.partner() : trust.authorityId()) + " signed.");
    }

    /**
     * The documents kept in the file store (they travelled as attachment parts), each as
     * {@code documents/<document id>.bin}: read from the store, verified as they are read, and
     * compressed into the zip as they come, so that a gigabyte document passes through a buffer.
     */
    private void documents() throws IOException {
        boolean any = false;
        for (StoredDocument d : reads.documents(m.pk())) {
            if (!d.inFile()) {
                continue;
            }
            String name = "documents/" + d.documentId() + ".bin";
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry(name));
            try (InputStream content = reads.openDocument(m.pk(), d.documentId(), 0, -1)) {
                content.transferTo(zip);
            }
            zip.closeEntry();
            zip.setLevel(Deflater.DEFAULT_COMPRESSION);
            guide.file(
                    name,
                    "document `" + d.documentId() + "` (" + d.size() + " bytes), which travelled as an attachment"
                            + " part; its SHA-256 is " + d.sha256());
            any = true;
        }
        if (any) {
            guide.relation("Each file under `documents/` is a document that travelled as an attachment part: its"
                    + " SHA-256 (`sha256sum`) equals the `Sha256` of its `Document` in `message.xml`, which the"
                    + " signature covers, part by part, with the same digest.");
        }
    }

    private void receipt() throws IOException {
        if (c.receipt == null) {
            guide.relation("No receipt is stored for this message (status " + m.status() + ").");
            return;
        }
        put(
                "receipt.xml",
                c.receipt.xml(),
                c.incoming()
                        ? "the signed receipt this gateway returned (" + c.receipt.status() + ")"
                        : "the signed receipt " + m.partner() + " returned (" + c.receipt.status() + ")");
        if (c.receiptSignature != null) {
            X509Certificate signer = c.receiptSignature.signer();
            List<X509Certificate> anchors = c.receiptAnchors();
            put(
                    "certs/receipt-signer.pem",
                    BundleCertificates.pem(List.of(signer)),
                    "the receipt signer's certificate");
            put(
                    "certs/receipt-ca.pem",
                    BundleCertificates.pem(anchors),
                    c.incoming()
                            ? "this gateway's CA certificates"
                            : "the signing anchors configured for " + m.partner());
            guide.receiptSignature("'" + BundleCertificates.subject(signer) + "'");
            guide.receiptSigner(
                    c.receiptSignature.created().getEpochSecond(),
                    BundleCertificates.hasRoot(anchors),
                    c.incoming() ? "this gateway's CA" : "the signing anchors configured for " + m.partner());
        }
        String[] tags = receiptTags(c.receipt.xml());
        if (m.envelope() != null && tags != null) {
            guide.receiptEnvelope(tags[0], tags[1]);
            guide.relation("The receipt's `EnvelopeDigest` is the SHA-256 of `envelope.xml`, and its"
                    + " `NonRepudiationInformation` repeats the digests of the envelope's signature, the Body's"
                    + " among them: the receipt proves that exactly this envelope, carrying exactly this message,"
                    + " was received.");
        }
    }

    private void log() throws IOException {
        EvidenceLog.Segment s = c.segment;
        long[] digestsAndOlder = new long[2];
        zip.putNextEntry(new ZipEntry("log/entries.txt"));
        EvidenceLog.forEach(log, s, e -> {
            BundleLog.Line line = s.line(e);
            if (line instanceof BundleLog.DigestOnly) {
                digestsAndOlder[0]++;
            } else if (!s.ownSeqs().contains(e.seq())) {
                digestsAndOlder[1]++;
            }
            write(BundleLog.format(line).getBytes(StandardCharsets.UTF_8));
        });
        zip.closeEntry();
        guide.file(
                "log/entries.txt",
                "the message's log entries in full, and every entry between them and the"
                        + " checkpoint as a digest only; fields separated by 0x1F");
        if (c.incoming()) {
            s.messageEntries().stream()
                    .filter(e -> "stored".equals(e.event()) && e.details().contains("\"sha256\""))
                    .findFirst()
                    .map(LogEntry::seq)
                    .ifPresent(guide::contentDigest);
        }
        guide.logChain(
                s.firstSeq(), s.endSeq(), s.messageEntries(), digestsAndOlder[0], digestsAndOlder[1], s.v2FromSeq());
        Checkpoint cp = s.checkpoint();
        put("log/checkpoint.txt", cp.canonical(), "the checkpoint's signed bytes (seq " + cp.seq() + ")");
        put("log/checkpoint.sig", cp.signature(), "the checkpoint's " + cp.signatureAlgorithm() + " signature");
        long atSeconds = cp.atMicros() / 1_000_000;
        guide.checkpointSignature(cp.seq(), atSeconds);
        List<X509Certificate> chain;
        try {
            chain = cp.signerCertificates();
        } catch (GeneralSecurityException e) {
            throw new GatewayException(ErrorCode.INTERNAL_ERROR, "the checkpoint's signer chain is unreadable");
        }
        List<X509Certificate> cas = chain.size() > 1 ? chain.subList(1, chain.size()) : chain;
        put(
                "certs/checkpoint-signer.pem",
                BundleCertificates.pem(chain.subList(0, 1)),
                "the checkpoint signer's certificate");
        put(
                "certs/checkpoint-ca.pem",
                BundleCertificates.pem(cas),
                "the checkpoint signer's issuers, as stored with it");
        guide.checkpointSigner(
                atSeconds, BundleCertificates.hasRoot(cas), BundleCertificates.fingerprint(cas.get(cas.size() - 1)));
        guide.relation("The checkpoint signs the hash the chain in `log/entries.txt` reaches at its last line;"
                + " each entry's hash covers the hash before it, so the signature covers every entry back to the"
                + " message's first, those given as digests included: none can be changed, left out or moved.");
        if (cp.timestampToken() != null) {
            timestamp(cp.timestampToken());
        }
    }

    private void timestamp(byte[] token) throws IOException {
        put("log/checkpoint.tsr", token, "the checkpoint's RFC 3161 time-stamp token (DER)");
        BundleCertificates.Token t = BundleCertificates.token(token);
        if (t == null || t.signer() == null) {
            guide.relation("The checkpoint's time-stamp token carries no readable signer certificate.");
            return;
        }
        List<X509Certificate> pool = new ArrayList<>(t.carried());
        pool.addAll(trust.tsaCertificates());
        pool.addAll(trust.signingChain());
        pool.addAll(c.envelopeAnchors());
        List<X509Certificate> issuers = BundleCertificates.issuers(t.signer(), pool);
        List<X509Certificate> cas = issuers.isEmpty() ? List.of(t.signer()) : issuers;
        put("certs/tsa.pem", BundleCertificates.pem(List.of(t.signer())), "the time-stamping authority's certificate");
        put(
                "certs/tsa-ca.pem",
                BundleCertificates.pem(cas),
                issuers.isEmpty()
                        ? "the time-stamping authority's certificate itself (its issuer is not known here)"
                        : "the time-stamping authority's issuers");
        guide.timestamp(
                t.genTimeSeconds(),
                BundleCertificates.hasRoot(cas),
                "'" + BundleCertificates.subject(t.signer()) + "'");
    }

    /** The qualified names of the receipt's MessageId and EnvelopeDigest, or null if it has none. */
    private String[] receiptTags(byte[] receiptXml) {
        try {
            Document doc = new SafeXml(maxXmlDepth).parse(receiptXml);
            NodeList ids = doc.getElementsByTagNameNS(EXC, "MessageId");
            NodeList digests = doc.getElementsByTagNameNS(EXC, "EnvelopeDigest");
            if (ids.getLength() != 1 || digests.getLength() != 1) {
                return null;
            }
            return new String[] {((Element) ids.item(0)).getTagName(), ((Element) digests.item(0)).getTagName()};
        } catch (GatewayException e) {
            return null;
        }
    }

    private void put(String name, byte[] bytes, String what) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
        if (what != null) {
            guide.file(name, what);
        }
    }

    private void write(byte[] bytes) {
        try {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
