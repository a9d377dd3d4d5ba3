package org.mlagateway.security;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.mlagateway.message.Sha256;
import org.mlagateway.store.ChainSigner;
import org.mlagateway.store.Checkpoint;
import org.mlagateway.store.CheckpointVerifier;

/**
 * Judges a message-log checkpoint's cryptography: the signature verifies with the stored signer
 * certificate, the stored chain links up and ends at the trusted root when one is known, and the
 * RFC 3161 token (if any) is over SHA-256 of the checkpoint and verifies with one of the trusted
 * TSAs (any of the configured authorities may have stamped it).
 */
public final class CheckpointSignatures implements CheckpointVerifier {
    private final List<X509Certificate> trustedRoots;
    private final List<X509Certificate> trustedTsas;

    /**
     * {@code trustedRoot} may be null: then the chain is only checked to link up. With no trusted TSA, a
     * token is checked against the certificate it carries.
     */
    public CheckpointSignatures(X509Certificate trustedRoot, List<X509Certificate> trustedTsas) {
        this(trustedRoot == null ? List.of() : List.of(trustedRoot), trustedTsas);
    }

    /**
     * The signer chain must end at one of {@code trustedRoots} (during a signing-key rollover, the
     * current and the next key's roots); empty: it is only checked to link up.
     */
    public CheckpointSignatures(List<X509Certificate> trustedRoots, List<X509Certificate> trustedTsas) {
        this.trustedRoots = List.copyOf(trustedRoots);
        this.trustedTsas = List.copyOf(trustedTsas);
    }

    @Override
    public Optional<String> problem(Checkpoint cp) {
        try {
            List<X509Certificate> chain = cp.signerCertificates();
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
            return tokenProblem(cp.timestampToken(), Sha256.of(cp.canonical()));
        }
        return Optional.empty();
    }

    private Optional<String> tokenProblem(byte[] token, byte[] imprint) {
        if (trustedTsas.isEmpty()) {
            return TimeStampCheck.problem(token, imprint, null);
        }
        Optional<String> first = Optional.empty();
        for (X509Certificate tsa : trustedTsas) {
            Optional<String> problem = TimeStampCheck.problem(token, imprint, tsa);
            if (problem.isEmpty()) {
                return problem;
            }
            first = first.isPresent() ? first : problem;
        }
        return first;
    }

    private Optional<String> chainProblem(List<X509Certificate> chain) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            try {
                chain.get(i).verify(chain.get(i + 1).getPublicKey());
            } catch (GeneralSecurityException e) {
                return Optional.of("checkpoint signer chain is broken at certificate " + i);
            }
        }
        if (!trustedRoots.isEmpty() && !trustedRoots.contains(chain.get(chain.size() - 1))) {
            return Optional.of("checkpoint signer does not chain to the gateway's trusted root");
        }
        return Optional.empty();
    }
}
