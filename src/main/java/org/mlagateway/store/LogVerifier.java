package org.mlagateway.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import org.mlagateway.store.VerifyReport.Kind;
import org.mlagateway.store.VerifyReport.Problem;

/**
 * Re-walks the chain in seq order, a page at a time (constant memory), and stops at the first
 * problem. For each entry: seq continues without a gap, it is in the encoding its seq calls for
 * ({@link LogEncoding}: v1 below {@code log_encoding.v2_from_seq}, v2 from there), the fields give
 * the stored hash, and prev_hash is the previous entry's hash. Checkpoints are checked as the walk passes their seq.
 * The walk ends at the head (or the highest checkpoint, if a truncation left it higher), both read
 * at the start, so entries appended meanwhile are left for the next run.
 */
final class LogVerifier {
    static final int PAGE = 10_000;
    private static final int CHECKPOINT_PAGE = 200;

    private final Database database;
    private final CheckpointCheck checkpointCheck;

    LogVerifier(Database database, CheckpointCheck checkpointCheck) {
        this.database = database;
        this.checkpointCheck = checkpointCheck;
    }

    VerifyReport verify(long fromSeq, ProgressListener progress) {
        if (fromSeq < 1) {
            throw new IllegalArgumentException("fromSeq must be at least 1, was " + fromSeq);
        }
        try (Connection c = database.connection("verify message log")) {
            VerifyReport report = new Walk(c, fromSeq, progress).run();
            c.commit();
            return report;
        } catch (SQLException e) {
            throw new StoreException("verify message log failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private final class Walk {
        private final Connection c;
        private final long fromSeq;
        private final ProgressListener progress;
        private final Deque<Checkpoint> checkpoints = new ArrayDeque<>();
        private long checked;
        private long checkpointsChecked;
        private long lastSeq;
        private long checkpointsReadTo;
        private String prevHash;
        private long v2FromSeq;

        Walk(Connection c, long fromSeq, ProgressListener progress) {
            this.c = c;
            this.fromSeq = fromSeq;
            this.progress = progress;
            this.lastSeq = fromSeq - 1;
            this.checkpointsReadTo = fromSeq - 1;
        }

        VerifyReport run() throws SQLException {
            long maxCheckpoint = LogRows.maxCheckpointSeq(c);
            LogRows.Head head = LogRows.head(c);
            v2FromSeq = LogRows.v2FromSeq(c);
            long end = Math.max(head.seq(), maxCheckpoint);
            Optional<Problem> problem = start();
            while (problem.isEmpty() && lastSeq < end) {
                var page = LogRows.page(c, lastSeq, end, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (LogEntry entry : page) {
                    problem = check(entry, end);
                    if (problem.isPresent()) {
                        break;
                    }
                }
                progress.progress(checked, lastSeq, end);
            }
            if (problem.isEmpty()) {
                problem = tail(head, maxCheckpoint, end);
            }
            return new VerifyReport(fromSeq, checked, checkpointsChecked, head.seq(), problem);
        }

        private Optional<Problem> start() throws SQLException {
            if (fromSeq == 1) {
                prevHash = LogHash.GENESIS;
                return Optional.empty();
            }
            Optional<LogEntry> before = LogRows.at(c, fromSeq - 1);
            prevHash = before.map(LogEntry::hash).orElse(null);
            return before.isPresent()
                    ? Optional.empty()
                    : Optional.of(new Problem(fromSeq - 1, Kind.MISSING, "entry before the starting point is absent"));
        }

        private Optional<Problem> check(LogEntry entry, long end) throws SQLException {
            long expected = lastSeq + 1;
            if (entry.seq() != expected) {
                return Optional.of(new Problem(
                        expected, Kind.MISSING, "entry absent: the next stored entry is seq " + entry.seq()));
            }
            LogEncoding expectedEncoding = LogEncoding.at(entry.seq(), v2FromSeq);
            if (entry.encoding() != expectedEncoding) {
                return Optional.of(new Problem(
                        entry.seq(),
                        Kind.ALTERED,
                        "entry is in log encoding " + entry.encoding().label() + " but the log is in v2 from seq "
                                + v2FromSeq));
            }
            if (!entry.hashMatches()) {
                OptionalLong original = ReorderProbe.originalSeq(c, entry);
                return Optional.of(
                        original.isPresent()
                                ? new Problem(
                                        entry.seq(),
                                        Kind.REORDERED,
                                        "entry stored at seq " + entry.seq() + " was written as seq "
                                                + original.getAsLong())
                                : new Problem(entry.seq(), Kind.ALTERED, "fields do not match the stored hash"));
            }
            if (!entry.prevHash().equals(prevHash)) {
                return Optional.of(new Problem(
                        entry.seq() - 1,
                        Kind.ALTERED,
                        "stored hash differs from the prev_hash recorded by seq " + entry.seq()));
            }
            lastSeq = entry.seq();
            prevHash = entry.hash();
            checked++;
            return checkpointsAt(entry, end);
        }

        private Optional<Problem> checkpointsAt(LogEntry entry, long end) throws SQLException {
            if (checkpoints.isEmpty() && checkpointsReadTo < end) {
                var next = LogRows.checkpoints(c, checkpointsReadTo + 1, end, CHECKPOINT_PAGE);
                checkpoints.addAll(next);
                checkpointsReadTo =
                        next.isEmpty() ? end : next.get(next.size() - 1).seq();
            }
            Checkpoint cp = checkpoints.peekFirst();
            if (cp == null || cp.seq() != entry.seq()) {
                return Optional.empty();
            }
            checkpoints.removeFirst();
            checkpointsChecked++;
            return checkpointCheck.problem(cp, entry).map(d -> new Problem(cp.seq(), Kind.BAD_CHECKPOINT, d));
        }

        private Optional<Problem> tail(LogRows.Head head, long maxCheckpoint, long end) {
            if (lastSeq < end) {
                String bound = head.seq() >= maxCheckpoint
                        ? "the head is seq " + head.seq()
                        : "a checkpoint names seq " + maxCheckpoint;
                return Optional.of(
                        new Problem(lastSeq + 1, Kind.MISSING, "the log ends at seq " + lastSeq + " but " + bound));
            }
            if (head.seq() != lastSeq || !head.hash().equals(prevHash)) {
                return Optional.of(new Problem(
                        head.seq(), Kind.HEAD_MISMATCH, "log_head does not name the last entry (seq " + lastSeq + ")"));
            }
            return Optional.empty();
        }
    }
}
