package org.mlagateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The hash-chained message log: checkpoints every N entries or every T, whichever comes first; the
 * time-stamping authorities tried in order for each checkpoint ({@code tsa}, none by default); the
 * directory of the append-only anchor file outside the database ({@code anchorDir}, by default the
 * storage {@code dataDir}) and an optional second copy; how long to wait before asking the
 * authorities again for a checkpoint they could not stamp ({@code tsaRetry}, doubling up to
 * {@link #TSA_RETRY_MAX}); and how old the oldest checkpoint still waiting for a time-stamp may grow
 * before health reports the log's stamping as degraded.
 */
public record MessageLogConfig(
        @OptionalKey Integer checkpointEveryEntries,
        @OptionalKey Duration checkpointEvery,
        @OptionalKey List<TsaConfig> tsa,
        @OptionalKey Path anchorDir,
        @OptionalKey Path anchorCopyDir,
        @OptionalKey Duration tsaRetry,
        @OptionalKey Duration maxUnstampedAge) {

    public static final int DEFAULT_CHECKPOINT_EVERY_ENTRIES = 1000;
    public static final Duration DEFAULT_CHECKPOINT_EVERY = Duration.ofMinutes(5);
    public static final Duration DEFAULT_MAX_UNSTAMPED_AGE = Duration.ofHours(1);
    public static final Duration DEFAULT_TSA_RETRY = Duration.ofSeconds(10);
    /** The longest wait between two tries while no time-stamping authority answers. */
    public static final Duration TSA_RETRY_MAX = Duration.ofMinutes(5);
    /** The anchor file's name in {@code anchorDir} (and in {@code anchorCopyDir}). */
    public static final String ANCHOR_FILE = "log-anchor.txt";

    public MessageLogConfig {
        checkpointEveryEntries =
                checkpointEveryEntries != null ? checkpointEveryEntries : DEFAULT_CHECKPOINT_EVERY_ENTRIES;
        checkpointEvery = checkpointEvery != null ? checkpointEvery : DEFAULT_CHECKPOINT_EVERY;
        tsa = tsa != null ? List.copyOf(tsa) : List.of();
        tsaRetry = tsaRetry != null ? tsaRetry : DEFAULT_TSA_RETRY;
        maxUnstampedAge = maxUnstampedAge != null ? maxUnstampedAge : DEFAULT_MAX_UNSTAMPED_AGE;
        if (tsaRetry.isNegative() || tsaRetry.isZero() || tsaRetry.compareTo(TSA_RETRY_MAX) > 0) {
            throw new IllegalArgumentException(
                    "tsaRetry must be positive and at most " + TSA_RETRY_MAX.toMinutes() + "m");
        }
        if (checkpointEveryEntries < 1) {
            throw new IllegalArgumentException("checkpointEveryEntries must be at least 1");
        }
        if (checkpointEvery.isNegative() || checkpointEvery.isZero()) {
            throw new IllegalArgumentException("checkpointEvery must be positive");
        }
        if (maxUnstampedAge.isNegative() || maxUnstampedAge.isZero()) {
            throw new IllegalArgumentException("maxUnstampedAge must be positive");
        }
    }

    public static MessageLogConfig defaults() {
        return new MessageLogConfig(null, null, null, null, null, null, null);
    }

    /** This configuration with these time-stamping authorities instead. */
    public MessageLogConfig withTsa(List<TsaConfig> authorities) {
        return new MessageLogConfig(
                checkpointEveryEntries,
                checkpointEvery,
                authorities,
                anchorDir,
                anchorCopyDir,
                tsaRetry,
                maxUnstampedAge);
    }

    /** This configuration with the anchor file in {@code dir} (and its copy in {@code copyDir}, may be null). */
    public MessageLogConfig withAnchorDirs(Path dir, Path copyDir) {
        return new MessageLogConfig(
                checkpointEveryEntries, checkpointEvery, tsa, dir, copyDir, tsaRetry, maxUnstampedAge);
    }

    /** With checkpoints every {@code entries} entries or {@code every}, retrying stamps after {@code retry}. */
    public MessageLogConfig withCheckpoints(int entries, Duration every, Duration retry) {
        return new MessageLogConfig(entries, every, tsa, anchorDir, anchorCopyDir, retry, maxUnstampedAge);
    }

    /** The anchor files: {@code anchorDir} (or {@code dataDir} when unset) and the optional copy. */
    public List<Path> anchorFiles(Path dataDir) {
        Path primary = (anchorDir != null ? anchorDir : dataDir).resolve(ANCHOR_FILE);
        return anchorCopyDir == null ? List.of(primary) : List.of(primary, anchorCopyDir.resolve(ANCHOR_FILE));
    }
}
