package org.mlagateway.store;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Verifies one checkpoint against the entry it names: the hash matches, the signature verifies
 * with the stored signer certificate, the stored chain links up, ends at the trusted root when one
 * is known, and the time-stamp token (if any) verifies.
 */
final class CheckpointCheck {
    private final X509Certificate trustedRoot;
    private final X509Certificate trustedTsa;

    CheckpointCheck(X509Certificate trustedRoot, X509Certificate trustedTsa) {
        this.trustedRoot = trustedRoot;
        this.trustedTsa = trustedTsa;
    }

    Optional<String> problem(Checkpoint cp, LogEntry entry) {
        if (!cp.entryHash().equals(entry.hash())) {
            return Optional.of("checkpointed hash differs from the entry's hash (entries up to here were rewritten)");
        }
        if (!ChainSigner.ALGORITHM.equals(cp.signatureAlgorithm())) {
            return Optional.of("unexpected signature algorithm " + cp.signatureAlgorithm());
        }
        try {
            List<X509Certificate> chain = CheckpointCodec.decodeChain(cp.signerChain());
            Signature verifier = Signature.getInstance(ChainSigner.ALGORITHM);
            verifier.initVerify(chain.get(0).getPublicKey());
            verifier.update(cp.canonical());
            if (!verifier.verify(cp.signature())) {
                return Optional.of("checkpoint signature does not verify");
            }
            Optional<String> chainProblem = chainProblem(chain);
            if (chainProblem.isPresent()) {
                return chainProblem;
            }
        } catch (GeneralSecurityException e) {
            return Optional.of("checkpoint signature or signer chain unreadable: " + e.getMessage());
        }
        if (cp.timestampToken() != null) {
            return TimeStampCheck.problem(cp.timestampToken(), LogHash.sha256(cp.canonical()), trustedTsa);
        }
        return Optional.empty();
    }

    private Optional<String> chainProblem(List<X509Certificate> chain) throws GeneralSecurityException {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of("checkpoint signer chain is broken at certificate " + i);
            }
        }
        if (trustedRoot != null && !chain.get(chain.size() - 1).equals(trustedRoot)) {
            return Optional.of("checkpoint signer does not chain to the gateway's trusted root");
        }
        return Optional.empty();
    }
}
