package org.mlagateway.store;

import java.time.Duration;
import java.util.Objects;
import org.mlagateway.config.MessageLogConfig;

/**
 * When and how the store writes signed checkpoints of the message log: after at least
 * {@code everyEntries} new entries or {@code every} since the last checkpoint, whichever comes
 * first, checked after each commit that appended entries. {@code timeStamper} may be null.
 */
public record Checkpointing(int everyEntries, Duration every, ChainSigner signer, TimeStamper timeStamper) {
    public Checkpointing {
        if (everyEntries < 1) {
            throw new IllegalArgumentException("everyEntries must be at least 1, was " + everyEntries);
        }
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive, was " + every);
        }
        Objects.requireNonNull(signer, "signer");
    }

    public static Checkpointing of(MessageLogConfig config, ChainSigner signer, TimeStamper timeStamper) {
        return new Checkpointing(config.checkpointEveryEntries(), config.checkpointEvery(), signer, timeStamper);
    }
}
