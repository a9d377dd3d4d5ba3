package org.mlagateway.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.StorageConfig;
import org.mlagateway.security.HttpTimeStamper;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.LogCheckpointing;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;
import org.mlagateway.store.ChainSigner;
import org.mlagateway.store.Checkpointing;
import org.mlagateway.store.Store;
import org.mlagateway.store.TimeStamper;

/**
 * The message log's cost per accepted message, on stores that sign checkpoints as a gateway does
 * (with a signing key generated here): growth per 1,000 accepts with the default checkpoint
 * schedule and an anchor file, and accept latency with no TSA and with one that hangs.
 */
final class LogGrowth {
    private LogGrowth() {}

    static StoreBenchmark.LogFigures measure(Supplier<StorageConfig> fresh, Path scratch, int messages, int threads)
            throws Exception {
        Instant now = Instant.now();
        CertificateAuthority root = CertificateAuthority.createRoot(
                "CN=Benchmark Root,O=Benchmark",
                now.minus(Duration.ofDays(1)),
                Duration.ofDays(30),
                new SecureRandom());
        IssuedKey signing = root.issue(
                "CN=Benchmark signing,O=Benchmark", KeyUse.SIGNING, now.minus(Duration.ofDays(1)), Duration.ofDays(30));
        ChainSigner signer = new KeyStoreChainSigner(signing);
        double per1000 = 1000.0 / messages;

        StorageConfig storage = fresh.get();
        Path anchor = scratch.resolve("growth").resolve(MessageLogConfig.ANCHOR_FILE);
        Store.open(storage, Clock.systemUTC()).close(); // the schema, so that its empty size is not counted
        long bytesBefore = logBytes(storage);
        Checkpointing growth = LogCheckpointing.of(
                        MessageLogConfig.DEFAULT_CHECKPOINT_EVERY_ENTRIES,
                        MessageLogConfig.DEFAULT_CHECKPOINT_EVERY,
                        signer,
                        null)
                .withAnchorFiles(List.of(anchor));
        long entries;
        long checkpoints;
        try (Store store = Store.open(storage, Clock.systemUTC(), growth)) {
            StoreBenchmark.accept(store, messages, threads);
            store.awaitCheckpoints(Duration.ofMinutes(2));
            entries = store.logHeadSeq();
            checkpoints = store.newestCheckpoint().isPresent() ? countCheckpoints(store) : 0;
        }
        long bytes = logBytes(storage) - bytesBefore;
        long anchorBytes = Files.exists(anchor) ? Files.size(anchor) : 0;

        double p99None = p99(fresh.get(), signer, null, messages, threads, null);
        double p99Hanging;
        long[] unstamped = new long[1];
        try (HangingTsa tsa = new HangingTsa()) {
            TimeStamper hanging = new HttpTimeStamper(tsa.url(), signing.certificate(), StoreBenchmark.TSA_DEADLINE);
            p99Hanging = p99(fresh.get(), signer, hanging, messages, threads, unstamped);
        }
        return new StoreBenchmark.LogFigures(
                entries * per1000,
                bytes * per1000,
                anchorBytes * per1000,
                checkpoints * per1000,
                p99None,
                p99Hanging,
                unstamped[0]);
    }

    /** Accept latency p99 in milliseconds, with checkpoints due every few entries. */
    private static double p99(
            StorageConfig storage, ChainSigner signer, TimeStamper stamper, int messages, int threads, long[] unstamped)
            throws Exception {
        Checkpointing often = LogCheckpointing.of(
                StoreBenchmark.LATENCY_CHECKPOINT_EVERY_ENTRIES, Duration.ofMinutes(5), signer, stamper);
        List<Long> latencies = new ArrayList<>();
        try (Store store = Store.open(storage, Clock.systemUTC(), often)) {
            StoreBenchmark.accept(store, messages, threads, latencies);
            store.awaitCheckpoints(Duration.ofMinutes(2));
            if (unstamped != null) {
                unstamped[0] = store.stampingStatus().unstamped();
            }
        }
        Collections.sort(latencies);
        return latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1) / 1e6;
    }

    private static long countCheckpoints(Store store) {
        long n = 0;
        for (long seq = 1; ; ) {
            var cp = store.checkpointAtOrAfter(seq);
            if (cp.isEmpty()) {
                return n;
            }
            n++;
            seq = cp.get().seq() + 1;
        }
    }

    /** Bytes on disk of the log and checkpoint tables with their indexes, read with the store closed. */
    private static long logBytes(StorageConfig storage) throws SQLException {
        boolean h2 = storage.jdbcUrl() == null;
        String url = h2
                ? "jdbc:h2:file:" + storage.dataDir().toAbsolutePath().resolve("gateway")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                : storage.jdbcUrl();
        String sql = h2
                ? "SELECT DISK_SPACE_USED('message_log') + DISK_SPACE_USED('log_checkpoints')"
                : "SELECT pg_total_relation_size('message_log') + pg_total_relation_size('log_checkpoints')";
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
