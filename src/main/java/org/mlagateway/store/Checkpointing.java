package org.mlagateway.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.mlagateway.config.MessageLogConfig;

/**
 * When and how the store writes signed checkpoints of the message log, and who judges them: a
 * checkpoint follows at least {@code everyEntries} new entries or {@code every} since the last one,
 * whichever comes first (the time rule also fires on a timer when nothing is committed). One worker
 * thread signs and time-stamps them off the commit path ({@link CheckpointWorker}). {@code timeStamper}
 * may be null. A checkpoint the time-stamper cannot stamp is kept signed and stamped later, retried
 * after {@code stampRetry}, doubling up to {@code stampRetryMax}. Every signed checkpoint is also
 * appended to each of the {@code anchorFiles} (none: no anchor). The {@code verifier} checks the
 * signatures of every checkpoint the store meets. With {@code node} given, the node holds the
 * {@code checkpointer} lease before it writes checkpoints of its own accord, so that of the nodes
 * sharing a database one makes them, and another takes over when it dies (docs/cluster.md); null:
 * the only node.
 */
public record Checkpointing(
        int everyEntries,
        Duration every,
        ChainSigner signer,
        TimeStamper timeStamper,
        CheckpointVerifier verifier,
        List<Path> anchorFiles,
        Duration stampRetry,
        Duration stampRetryMax,
        String node) {
    /** The first wait before a checkpoint that could not be time-stamped is tried again. */
    public static final Duration STAMP_RETRY = MessageLogConfig.DEFAULT_TSA_RETRY;
    /** The longest wait between tries while no time-stamping authority answers. */
    public static final Duration STAMP_RETRY_MAX = MessageLogConfig.TSA_RETRY_MAX;

    public Checkpointing {
        if (everyEntries < 1) {
            throw new IllegalArgumentException("everyEntries must be at least 1, was " + everyEntries);
        }
        positive("every", every);
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(verifier, "verifier");
        anchorFiles = List.copyOf(Objects.requireNonNull(anchorFiles, "anchorFiles"));
        positive("stampRetry", stampRetry);
        positive("stampRetryMax", stampRetryMax);
        if (stampRetryMax.compareTo(stampRetry) < 0) {
            throw new IllegalArgumentException("stampRetryMax must not be shorter than stampRetry");
        }
    }

    /** Without anchor files, with the standard retry of time-stamps. */
    public Checkpointing(
            int everyEntries,
            Duration every,
            ChainSigner signer,
            TimeStamper timeStamper,
            CheckpointVerifier verifier) {
        this(everyEntries, every, signer, timeStamper, verifier, List.of(), STAMP_RETRY, STAMP_RETRY_MAX, null);
    }

    public static Checkpointing of(
            MessageLogConfig config,
            Path dataDir,
            ChainSigner signer,
            TimeStamper timeStamper,
            CheckpointVerifier verifier) {
        return new Checkpointing(
                config.checkpointEveryEntries(),
                config.checkpointEvery(),
                signer,
                timeStamper,
                verifier,
                config.anchorFiles(dataDir),
                config.tsaRetry(),
                MessageLogConfig.TSA_RETRY_MAX,
                null);
    }

    /** The same, appending every signed checkpoint to these anchor files. */
    public Checkpointing withAnchorFiles(List<Path> files) {
        return new Checkpointing(
                everyEntries, every, signer, timeStamper, verifier, files, stampRetry, stampRetryMax, node);
    }

    /** The same, retrying time-stamps after {@code first}, doubling up to {@code max}. */
    public Checkpointing withStampRetry(Duration first, Duration max) {
        return new Checkpointing(everyEntries, every, signer, timeStamper, verifier, anchorFiles, first, max, node);
    }

    /** The same, with checkpoints every {@code entries} entries or {@code interval}. */
    public Checkpointing every(int entries, Duration interval) {
        return new Checkpointing(
                entries, interval, signer, timeStamper, verifier, anchorFiles, stampRetry, stampRetryMax, node);
    }

    /** The same, on node {@code nodeId} of a cluster: checkpoints of its own accord only under the lease. */
    public Checkpointing onNode(String nodeId) {
        return new Checkpointing(
                everyEntries, every, signer, timeStamper, verifier, anchorFiles, stampRetry, stampRetryMax, nodeId);
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
