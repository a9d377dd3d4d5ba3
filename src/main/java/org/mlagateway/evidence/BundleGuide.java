package org.mlagateway.evidence;

import java.time.Instant;
import java.util.List;
import org.mlagateway.message.Namespaces;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.StoredMessage;

/**
 * Writes the bundle's {@code VERIFY.md}: what each file is, and for each piece a fenced {@code sh}
 * block of literal commands that checks it with public tools, run in the unzipped folder. Each block
 * starts with a {@code # step: NAME} line and exits non-zero when its check fails, so the document
 * can be run as it stands (the export test does exactly that).
 */
final class BundleGuide {
    static final String SOAP_BODY_ID = Namespaces.SOAP12 + ":Body";
    static final String WSU_TIMESTAMP_ID = Namespaces.WSU + ":Timestamp";

    private final StoredMessage message;
    private final boolean incoming;
    private final StringBuilder files = new StringBuilder();
    private final StringBuilder steps = new StringBuilder();
    private final StringBuilder relations = new StringBuilder();
    private int stepNo;

    BundleGuide(StoredMessage message, boolean incoming) {
        this.message = message;
        this.incoming = incoming;
    }

    void file(String name, String what) {
        files.append("| `").append(name).append("` | ").append(what).append(" |\n");
    }

    void envelopeBody(int contentStart, int contentEnd) {
        step(
                "envelope-body",
                "The decrypted envelope is the stored one with only the Body's content replaced",
                "The sender signed the Body, then encrypted its content. `envelope-decrypted.xml` is `envelope.xml`"
                        + " with the Body's content (bytes " + (contentStart + 1) + " to " + contentEnd + ", the"
                        + " `xenc:EncryptedData`) replaced by `message.xml`; every other byte is the stored envelope's."
                        + " This rebuilds it and compares:",
                "{ head -c " + contentStart + " envelope.xml; cat message.xml; tail -c +" + (contentEnd + 1)
                        + " envelope.xml; } | cmp - envelope-decrypted.xml \\\n"
                        + "  || { echo 'envelope-decrypted.xml is not envelope.xml with message.xml in its Body';"
                        + " exit 1; }\n"
                        + "echo 'envelope-decrypted.xml is envelope.xml with only the Body content replaced'");
    }

    void envelopeSignature(String signer) {
        step(
                "envelope-signature",
                "The envelope's XML signature",
                "The signature covers the Body and the Timestamp (WS-Security, exclusive C14N, RSA-SHA256); its"
                        + " KeyInfo names the BinarySecurityToken, which xmlsec1 does not resolve, so the signer's"
                        + " certificate is given (`certs/envelope-signer.pem`, " + signer + ", taken from that token)."
                        + " xmlsec1 must report `OK` and `SignedInfo References (ok/all): 2/2`:",
                xmlsec("certs/envelope-signer.pem", "envelope-decrypted.xml"));
    }

    void envelopeSigner(long signedAtSeconds, boolean hasRoot, String anchors) {
        step(
                "envelope-signer",
                "The envelope signer's certificate, as of the signing time",
                "Checked against " + anchors + " (`certs/envelope-ca.pem`) at the envelope's signing time ("
                        + Instant.ofEpochSecond(signedAtSeconds) + ", its `wsu:Created`): the Timestamp expired"
                        + " minutes after signing, the certificate may have expired since, and neither matters.",
                verify(signedAtSeconds, hasRoot, "certs/envelope-ca.pem", "certs/envelope-signer.pem"));
    }

    void receiptSignature(String signer) {
        step(
                "receipt-signature",
                "The receipt's XML signature",
                (incoming ? "The receipt this gateway issued" : "The receipt " + message.partner() + " returned")
                        + " is a signed, unencrypted SOAP envelope; its signer is " + signer + ":",
                xmlsec("certs/receipt-signer.pem", "receipt.xml"));
    }

    void receiptSigner(long signedAtSeconds, boolean hasRoot, String anchors) {
        step(
                "receipt-signer",
                "The receipt signer's certificate, as of the receipt's signing time",
                "Checked against " + anchors + " (`certs/receipt-ca.pem`) at " + Instant.ofEpochSecond(signedAtSeconds)
                        + ":",
                verify(signedAtSeconds, hasRoot, "certs/receipt-ca.pem", "certs/receipt-signer.pem"));
    }

    void receiptEnvelope(String messageIdTag, String digestTag) {
        step(
                "receipt-envelope",
                "The receipt names this message and the envelope's bytes",
                "`" + digestTag + "` is the SHA-256 of the envelope exactly as received, in base64 (docs/protocol.md,"
                        + " \"Receipt\"); one changed byte in `envelope.xml` breaks this step:",
                "grep -q '<" + messageIdTag + ">" + message.messageId() + "</" + messageIdTag + ">' receipt.xml"
                        + " || { echo 'the receipt names another message'; exit 1; }\n"
                        + "test \"$(openssl dgst -sha256 -binary envelope.xml | openssl base64 -A)\" = \\\n"
                        + "     \"$(sed -n 's|.*<" + digestTag + ">\\([^<]*\\)</" + digestTag
                        + ">.*|\\1|p' receipt.xml)\""
                        + " || { echo 'the receipt names another envelope'; exit 1; }\n"
                        + "echo 'the receipt names this message and the SHA-256 of envelope.xml'");
    }

    void contentDigest(long storedSeq) {
        step(
                "content-digest",
                "The message's content digest is in the log",
                "The SHA-256 of `message.xml` (the exclusive C14N of the decrypted `msg:Message`, docs/protocol.md"
                        + " \"Replay\") is what log entry seq " + storedSeq + " (`stored`) recorded:",
                "grep -q \"^v[12]$(printf '\\037')" + storedSeq
                        + "$(printf '\\037').*\\\"sha256\\\":\\\"$(sha256sum message.xml | cut -d' ' -f1)"
                        + "\\\"\" log/entries.txt || { echo 'message.xml is not the stored content'; exit 1; }\n"
                        + "echo 'message.xml has the content digest recorded by seq " + storedSeq + "'");
    }

    /**
     * @param digests  entries of the segment given as digests only
     * @param v1Others entries of other cases given in full, because they were written before log
     *                 encoding v2 and have no digest form
     */
    void logChain(long firstSeq, long endSeq, List<LogEntry> own, long digests, long v1Others, long v2FromSeq) {
        StringBuilder table = new StringBuilder("| seq | time (UTC) | event | actor |\n| --- | --- | --- | --- |\n");
        own.forEach(e -> table.append("| ")
                .append(e.seq())
                .append(" | ")
                .append(e.at())
                .append(" | `")
                .append(e.event())
                .append("` | ")
                .append(e.actor())
                .append(" |\n"));
        String older = v1Others == 0
                ? ""
                : " " + v1Others + " entries of other cases were written before this"
                        + " gateway's log encoding v2 (which begins at seq " + v2FromSeq
                        + ") and have no digest form: they"
                        + " are in full (`v1` lines), or the chain could not be recomputed.";
        step(
                "log-chain",
                "The log entries and their hash chain",
                "The entries about this message, which `log/entries.txt` holds in full:\n\n" + table
                        + "\n`log/entries.txt` covers every seq from " + firstSeq + " (the message's first entry) to "
                        + endSeq + " (the checkpoint after its last), one line per entry, fields separated by the"
                        + " byte 0x1F, each line starting with its kind. `v2` and `v1` lines are entries in full:"
                        + " seq, time (epoch microseconds), event, message id, conversation id, actor, details, for"
                        + " `v2` the entry's salt, then `prev_hash` and `hash`. The " + digests + " `d` lines are"
                        + " entries of other cases, which this bundle does not disclose: seq and the SHA-256 digest"
                        + " of the entry's fields only." + older + " In log encoding v2 (docs/message-log.md) an"
                        + " entry's digest is SHA-256 over the lines `mla-gateway-log-v2`, seq, time, event, message"
                        + " id, conversation id, actor, details and salt, and its hash is SHA-256 over the lines"
                        + " `mla-gateway-log-v2-link`, `prev_hash` and digest; a `v1` entry's hash is SHA-256 over"
                        + " `mla-gateway-log-v1`, its fields and `prev_hash`. This recomputes every hash in turn,"
                        + " a `d` line's from the hash before it and its digest, checks every `prev_hash` link and"
                        + " that the chain reaches the hash the checkpoint signed:",
                """
                US=$(printf '\\037'); n=0; nd=0; prev=; last=
                bad() { echo "seq $seq: $1"; exit 1; }
                # v1: f9 = prev_hash, f10 = hash; v2: f9 = salt, f10 = prev_hash, f11 = hash; d: at = digest
                while IFS=$US read -r kind seq at ev mid cid actor det f9 f10 f11; do
                  [ -z "$last" ] || [ "$seq" -eq $((last + 1)) ] || bad "seq $((last + 1)) is missing before it"
                  case $kind in
                    v1) [ -z "$last" ] || [ "$f9" = "$prev" ] || bad "prev_hash is not the hash of seq $last"
                        hash=$(printf 'mla-gateway-log-v1\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' \\
                          "$seq" "$at" "$ev" "$mid" "$cid" "$actor" "$det" "$f9" | sha256sum | cut -d' ' -f1)
                        [ "$hash" = "$f10" ] || bad "its fields do not give its hash" ;;
                    v2) [ -z "$last" ] || [ "$f10" = "$prev" ] || bad "prev_hash is not the hash of seq $last"
                        digest=$(printf 'mla-gateway-log-v2\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n%s\\n' \\
                          "$seq" "$at" "$ev" "$mid" "$cid" "$actor" "$det" "$f9" | sha256sum | cut -d' ' -f1)
                        hash=$(printf 'mla-gateway-log-v2-link\\n%s\\n%s\\n' "$f10" "$digest" \\
                          | sha256sum | cut -d' ' -f1)
                        [ "$hash" = "$f11" ] || bad "its fields do not give its hash" ;;
                    d)  [ -n "$last" ] || bad "the first line must be an entry in full"
                        hash=$(printf 'mla-gateway-log-v2-link\\n%s\\n%s\\n' "$prev" "$at" \\
                          | sha256sum | cut -d' ' -f1)
                        nd=$((nd + 1)) ;;
                    *)  bad "unknown line kind '$kind'" ;;
                  esac
                  prev=$hash; last=$seq; n=$((n + 1))
                done < log/entries.txt
                seq=$last
                [ "$last" = "$(sed -n 2p log/checkpoint.txt)" ] || bad "the log does not end at the checkpointed seq"
                [ "$prev" = "$(sed -n 3p log/checkpoint.txt)" ] || bad "the chain does not reach the checkpointed hash"
                echo "log chain OK: $n entries up to seq $last, the checkpointed one;" \\
                  "$nd of other cases as digests only"
                """);
    }

    void checkpointSignature(long seq, long atSeconds) {
        step(
                "checkpoint-signature",
                "The checkpoint's signature",
                "`log/checkpoint.txt` holds the four signed lines (`mla-gateway-checkpoint-v1`, seq " + seq
                        + ", that entry's hash, the checkpoint time in epoch microseconds: "
                        + Instant.ofEpochSecond(atSeconds) + "); `log/checkpoint.sig` is its SHA256withRSA signature"
                        + " by the gateway's signing key:",
                "openssl x509 -in certs/checkpoint-signer.pem -pubkey -noout > checkpoint-signer.pub\n"
                        + "openssl dgst -sha256 -verify checkpoint-signer.pub -signature log/checkpoint.sig"
                        + " log/checkpoint.txt");
    }

    void checkpointSigner(long atSeconds, boolean hasRoot, String rootFingerprint) {
        step(
                "checkpoint-signer",
                "The checkpoint signer's certificate",
                "Checked against the issuers stored with the checkpoint (`certs/checkpoint-ca.pem`) at the"
                        + " checkpoint time. That its root is this gateway's is for you to confirm out of band: the"
                        + " root, the last certificate of `certs/checkpoint-ca.pem`, has the SHA-256 fingerprint `"
                        + rootFingerprint + "`.",
                verify(atSeconds, hasRoot, "certs/checkpoint-ca.pem", "certs/checkpoint-signer.pem"));
    }

    void timestamp(long genTimeSeconds, boolean hasRoot, String tsa) {
        step(
                "checkpoint-timestamp",
                "The checkpoint's RFC 3161 time-stamp",
                "`log/checkpoint.tsr` is a time-stamp token from " + tsa + " over SHA-256 of `log/checkpoint.txt`,"
                        + " made at " + Instant.ofEpochSecond(genTimeSeconds) + " (`openssl ts -reply -in"
                        + " log/checkpoint.tsr -token_in -text` shows it). It proves the log up to the checkpoint"
                        + " existed then:",
                "openssl ts -verify -data log/checkpoint.txt -in log/checkpoint.tsr -token_in -attime " + genTimeSeconds
                        + (hasRoot ? "" : " -partial_chain") + " -CAfile certs/tsa-ca.pem -untrusted certs/tsa.pem");
    }

    void relation(String text) {
        relations.append("- ").append(text).append('\n');
    }

    String render(String exportedBy) {
        String what = incoming ? "received from " + message.partner() : "sent to " + message.partner();
        return "# Evidence for message " + message.messageId() + "\n\n"
                + "Message `" + message.messageId() + "` (" + message.kind() + "), " + what + ", status "
                + message.status().dbName() + "; exported by " + exportedBy + ".\n\n"
                + "Every step below is a literal command to run in this folder (`unzip` the bundle, `cd` into it)"
                + " with a POSIX shell and public tools: `xmlsec1` (1.2 or later), `openssl` (1.1.1 or 3.x) and"
                + " coreutils. Each step prints what it checked and exits non-zero when the check fails. No key"
                + " of this gateway is needed. `CHECKS.txt` is the gateway's own verification at export time.\n\n"
                + "## Files\n\n| file | what it is |\n| --- | --- |\n" + files
                + "\n## How the pieces relate\n\n" + relations
                + "\n## Steps\n" + steps;
    }

    private void step(String name, String title, String text, String commands) {
        stepNo++;
        steps.append("\n### ")
                .append(stepNo)
                .append(". ")
                .append(title)
                .append("\n\n")
                .append(text)
                .append("\n\n```sh\n# step: ")
                .append(name)
                .append('\n')
                .append(commands.strip())
                .append("\n```\n");
    }

    private static String xmlsec(String cert, String file) {
        return "xmlsec1 --verify --pubkey-cert-pem " + cert + " \\\n  --id-attr:Id " + SOAP_BODY_ID
                + " \\\n  --id-attr:Id " + WSU_TIMESTAMP_ID + " \\\n  " + file;
    }

    private static String verify(long atSeconds, boolean hasRoot, String caFile, String cert) {
        return "openssl verify -attime " + atSeconds + (hasRoot ? "" : " -partial_chain") + " -CAfile " + caFile + " "
                + cert;
    }
}
