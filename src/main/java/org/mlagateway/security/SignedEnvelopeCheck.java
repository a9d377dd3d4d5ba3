package org.mlagateway.security;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.SafeXml;

/**
 * Re-checks the signature of a stored envelope long after it was received or sent, for evidence:
 * the structure, the profile's algorithms, the signature value over SignedInfo, and the digests of
 * both references, the Body and the Timestamp. The Body must hold what the signer signed, so an
 * encrypted message is checked with its stored decrypted content put back in place of the
 * {@code xenc:EncryptedData}; a receipt is checked as it is.
 *
 * <p>The Timestamp's freshness is deliberately not judged: it expired minutes after signing. The
 * caller judges the signer's certificate as of {@link Result#created()}, with
 * {@link PartnerTrust#trustedFor}. Fails with the inbound path's own codes (MalformedMessage,
 * SignatureCoverage, UnsupportedAlgorithm, TimestampInvalid, SignatureInvalid). Thread-safe.
 */
public final class SignedEnvelopeCheck {
    private final SafeXml xml;
    private final AlgorithmStep algorithms;
    private final SignatureStep signature;

    /** What verified: the signer's certificate (from the BinarySecurityToken), when, and the digests. */
    public record Result(X509Certificate signer, Instant created, Instant expires, List<SignedReference> references) {
        public Result {
            Objects.requireNonNull(signer, "signer");
            Objects.requireNonNull(created, "created");
            references = List.copyOf(references);
        }
    }

    public SignedEnvelopeCheck(AlgorithmPolicy policy, int maxXmlDepth) {
        XmlSecurity.init();
        this.xml = new SafeXml(maxXmlDepth);
        this.algorithms = new AlgorithmStep(policy);
        this.signature = new SignatureStep(policy.minRsaBits());
    }

    /**
     * The references the envelope's signature declares (URI, digest method, digest value), read
     * without verifying anything: what a receipt for it must repeat.
     */
    public List<SignedReference> declaredReferences(byte[] envelope) {
        return EnvelopeSealer.references(SecuredEnvelope.of(xml.parse(envelope)).signature());
    }

    /** @throws GatewayException naming the first step that fails */
    public Result verify(byte[] envelope) {
        SecuredEnvelope env = SecuredEnvelope.of(xml.parse(envelope));
        Instant[] validity = TimestampStep.read(env);
        algorithms.check(env);
        SignatureStep.Result signed = signature.check(env);
        SignatureStep.verifyBody(signed);
        return new Result(signed.signer(), validity[0], validity[1], EnvelopeSealer.references(signed.signature()));
    }
}
