package org.mlagateway.config;

import java.time.Duration;

/** Checkpoints of the hash-chained message log: every N entries or every T, whichever comes first. */
public record MessageLogConfig(
        @OptionalKey Integer checkpointEveryEntries,
        @OptionalKey Duration checkpointEvery,
        @OptionalKey TsaConfig tsa) {

    public static final int DEFAULT_CHECKPOINT_EVERY_ENTRIES = 1000;
    public static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofMinutes(5);

    public MessageLogConfig {
        checkpointEveryEntries = checkpointEveryEntries != null ? checkpointEveryEntries
                : DEFAULT_CHECKPOINT_EVERY_ENTRIES;
        checkpointEvery = checkpointEvery != null ? checkpointEvery : DEFAULT_CHECKPOINT_EVERY;
        if (checkpointEveryEntries < 1) {
            throw new IllegalArgumentException("checkpointEveryEntries must be at least 1");
        }
    }

    public static MessageLogConfig defaults() {
        return new MessageLogConfig(null, null, null);
    }
}
