package org.mlagateway.store;

import java.time.Duration;
import java.util.Objects;
import org.mlagateway.config.MessageLogConfig;

/**
 * When and how the store writes signed checkpoints of the message log, and who judges them: a
 * checkpoint follows at least {@code everyEntries} new entries or {@code every} since the last one,
 * whichever comes first, checked after each commit that appended entries. {@code timeStamper} may be
 * null. The {@code verifier} checks the signatures of every checkpoint the store meets.
 */
public record Checkpointing(int everyEntries, Duration every, ChainSigner signer, TimeStamper timeStamper,
                            CheckpointVerifier verifier) {
    /** How long a checkpoint waits for the time-stamping authority before it is written without a token. */
    public static final Duration TSA_TIMEOUT = Duration.ofSeconds(30);

    public Checkpointing {
        if (everyEntries < 1) {
            throw new IllegalArgumentException("everyEntries must be at least 1, was " + everyEntries);
        }
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive, was " + every);
        }
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(verifier, "verifier");
    }

    public static Checkpointing of(MessageLogConfig config, ChainSigner signer, TimeStamper timeStamper,
                                   CheckpointVerifier verifier) {
        return new Checkpointing(config.checkpointEveryEntries(), config.checkpointEvery(), signer, timeStamper,
                verifier);
    }
}
