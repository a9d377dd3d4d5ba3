package org.mlagateway.store;

import java.util.Optional;

/**
 * Verifies one checkpoint against the entry it names: the checkpointed hash must be the entry's,
 * the algorithm the one the store signs with, and then the {@link CheckpointVerifier} judges the
 * signature, the signer chain and the time-stamp token.
 */
final class CheckpointCheck {
    private final CheckpointVerifier verifier;

    CheckpointCheck(CheckpointVerifier verifier) {
        this.verifier = verifier;
    }

    Optional<String> problem(Checkpoint cp, LogEntry entry) {
        if (!cp.entryHash().equals(entry.hash())) {
            return Optional.of("checkpointed hash differs from the entry's hash (entries up to here were rewritten)");
        }
        if (!ChainSigner.ALGORITHM.equals(cp.signatureAlgorithm())) {
            return Optional.of("unexpected signature algorithm " + cp.signatureAlgorithm());
        }
        return verifier.problem(cp);
    }
}
