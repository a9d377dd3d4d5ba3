package org.mlagateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mlagateway.store.AnchorReport.Kind;
import org.mlagateway.store.AnchorReport.Problem;

/**
 * Compares the store with anchored checkpoints. Each anchor must verify on its own (signature,
 * signer, time-stamp: {@link CheckpointVerifier}); then the store must still hold the entry each one
 * names, with the same hash, and any stored checkpoint at that seq must name the same hash. An
 * anchored seq beyond the store's last entry means the log was cut ({@code TRUNCATED}, naming the
 * highest anchored seq); a different hash means it was rolled back and rewritten ({@code ROLLED_BACK}),
 * and so do two anchors that name different hashes for one seq.
 */
final class AnchorCheck {
    private static final String LAST_ENTRY = "SELECT MAX(seq) FROM message_log";

    private final Database database;
    private final CheckpointVerifier verifier;

    AnchorCheck(Database database, CheckpointVerifier verifier) {
        this.database = database;
        this.verifier = verifier;
    }

    AnchorReport check(List<AnchorFile.Anchor> anchors) {
        List<Problem> problems = new ArrayList<>();
        Map<Long, AnchorFile.Anchor> bySeq = new TreeMap<>();
        for (AnchorFile.Anchor a : anchors) {
            Checkpoint cp = a.checkpoint();
            Optional<String> bad = ChainSigner.ALGORITHM.equals(cp.signatureAlgorithm())
                    ? verifier.problem(cp)
                    : Optional.of("unexpected signature algorithm " + cp.signatureAlgorithm());
            if (bad.isPresent()) {
                problems.add(new Problem(Kind.BAD_ANCHOR, cp.seq(), where(a) + ": " + bad.get()));
                continue;
            }
            AnchorFile.Anchor seen = bySeq.putIfAbsent(cp.seq(), a);
            if (seen != null && !seen.checkpoint().entryHash().equals(cp.entryHash())) {
                problems.add(new Problem(
                        Kind.ROLLED_BACK,
                        cp.seq(),
                        where(seen) + " and " + where(a) + " name different hashes for seq " + cp.seq()
                                + " (the log was rewritten from there)"));
            }
        }
        long highest = bySeq.isEmpty() ? 0 : ((TreeMap<Long, AnchorFile.Anchor>) bySeq).lastKey();
        try (Connection c = database.connection("compare the log with its anchors")) {
            compare(c, bySeq, problems);
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("compare the log with its anchors failed (SQLState " + e.getSQLState() + ")", e);
        }
        return new AnchorReport(anchors.size(), highest, problems);
    }

    private static void compare(Connection c, Map<Long, AnchorFile.Anchor> bySeq, List<Problem> problems)
            throws SQLException {
        long last = lastEntry(c);
        AnchorFile.Anchor beyond = null;
        for (AnchorFile.Anchor a : bySeq.values()) {
            Checkpoint anchored = a.checkpoint();
            if (anchored.seq() > last) {
                beyond = a;
                continue;
            }
            Optional<LogEntry> entry = LogRows.at(c, anchored.seq());
            if (entry.isEmpty()) {
                problems.add(new Problem(
                        Kind.TRUNCATED,
                        anchored.seq(),
                        where(a) + " names seq " + anchored.seq() + ", which the store no longer holds"));
            } else if (!entry.get().hash().equals(anchored.entryHash())) {
                problems.add(new Problem(
                        Kind.ROLLED_BACK,
                        anchored.seq(),
                        where(a) + ": the entry at seq " + anchored.seq() + " no longer has the anchored hash"));
            } else {
                storedCheckpointDiffers(c, anchored)
                        .ifPresent(
                                d -> problems.add(new Problem(Kind.ROLLED_BACK, anchored.seq(), where(a) + ": " + d)));
            }
        }
        if (beyond != null) {
            problems.add(new Problem(
                    Kind.TRUNCATED,
                    beyond.checkpoint().seq(),
                    "the store's log ends at seq " + last
                            + " but " + where(beyond) + " anchors a checkpoint at seq "
                            + beyond.checkpoint().seq()
                            + " (last anchored seq " + beyond.checkpoint().seq() + ")"));
        }
    }

    private static Optional<String> storedCheckpointDiffers(Connection c, Checkpoint anchored) throws SQLException {
        List<Checkpoint> stored = LogRows.checkpoints(c, anchored.seq(), anchored.seq(), 1);
        if (!stored.isEmpty() && !stored.get(0).entryHash().equals(anchored.entryHash())) {
            return Optional.of("the stored checkpoint at seq " + anchored.seq() + " names another hash than the"
                    + " anchored one");
        }
        return Optional.empty();
    }

    private static long lastEntry(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(LAST_ENTRY);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String where(AnchorFile.Anchor a) {
        return a.source() + " line " + a.line();
    }
}
