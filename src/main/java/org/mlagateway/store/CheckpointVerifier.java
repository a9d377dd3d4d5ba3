package org.mlagateway.store;

import java.util.Optional;

/**
 * Checks what the store does not check itself, since it does no cryptography beyond hashing: a
 * checkpoint's signature, its signer chain and its RFC 3161 time-stamp token. {@code security}
 * implements it; the store asks it about every checkpoint it meets while verifying the log.
 */
public interface CheckpointVerifier {
    /** For a store opened without the gateway's keys: it can read checkpoints but not judge them. */
    CheckpointVerifier NONE = checkpoint -> Optional.of("checkpoint signatures cannot be checked: the store was"
            + " opened without the gateway's signing and time-stamping certificates");

    /** Why the checkpoint's signature, signer chain or time-stamp token fails; empty when all verify. */
    Optional<String> problem(Checkpoint checkpoint);
}
