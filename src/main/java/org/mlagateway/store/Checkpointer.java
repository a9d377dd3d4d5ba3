package org.mlagateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes signed checkpoints of the chain after commits, outside the business transaction so that
 * signing and the TSA round trip never hold the {@code log_head} lock. A checkpoint names an entry
 * that is already committed. A failure to checkpoint is logged and retried after the next commit;
 * it never fails the business operation. A TSA failure still writes the signed checkpoint,
 * without a token. Several nodes may race for the same seq: the primary key keeps one.
 */
final class Checkpointer {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);
    private static final String LAST = "SELECT seq, at_micros FROM log_checkpoints ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO log_checkpoints (seq, entry_hash, at_micros, signature_alg,"
            + " signature, signer_chain, timestamp_token) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Database database;
    private final Clock clock;
    private final Checkpointing config;
    private final ReentrantLock busy = new ReentrantLock();
    private volatile long lastSeq;
    private volatile Instant lastAt;

    Checkpointer(Database database, Clock clock, Checkpointing config) {
        this.database = database;
        this.clock = clock;
        this.config = config;
        this.lastAt = clock.instant();
        if (config != null) {
            loadLast();
        }
    }

    /** Called after a commit whose last appended entry is {@code entry}. */
    void afterCommit(LogEntry entry) {
        if (config == null || !due(entry.seq()) || !busy.tryLock()) {
            return;
        }
        try {
            if (due(entry.seq())) {
                write(entry.seq(), entry.hash());
            }
        } catch (RuntimeException e) {
            LOG.error("message log checkpoint at seq {} not written; retried after the next commit", entry.seq(), e);
        } finally {
            busy.unlock();
        }
    }

    /** Checkpoints the given committed entry now; empty if checkpointing is not configured. */
    Optional<Long> checkpoint(long seq, String hash) {
        if (config == null) {
            return Optional.empty();
        }
        busy.lock();
        try {
            write(seq, hash);
            return Optional.of(seq);
        } finally {
            busy.unlock();
        }
    }

    private boolean due(long seq) {
        return seq > lastSeq && (seq - lastSeq >= config.everyEntries()
                || Duration.between(lastAt, clock.instant()).compareTo(config.every()) >= 0);
    }

    private void write(long seq, String hash) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long at = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        byte[] canonical = CheckpointCodec.canonical(seq, hash, at);
        byte[] signature = config.signer().sign(canonical);
        byte[] token = stamp(canonical, seq);
        Checkpoint cp = new Checkpoint(seq, hash, at, ChainSigner.ALGORITHM, signature,
                CheckpointCodec.encodeChain(config.signer().chain()), token);
        insert(cp);
        lastSeq = seq;
        lastAt = now;
    }

    private byte[] stamp(byte[] canonical, long seq) {
        if (config.timeStamper() == null) {
            return null;
        }
        try {
            return config.timeStamper().timestamp(LogHash.sha256(canonical));
        } catch (RuntimeException e) {
            LOG.warn("message log checkpoint at seq {} written without a time-stamp: {}", seq, e.getMessage());
            return null;
        }
    }

    private void insert(Checkpoint cp) {
        database.writeLock().lock();
        try {
            insertLocked(cp);
        } finally {
            database.writeLock().unlock();
        }
    }

    private void insertLocked(Checkpoint cp) {
        try (Connection c = database.connection("write checkpoint");
             PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, cp.seq());
            ps.setString(2, cp.entryHash());
            ps.setLong(3, cp.atMicros());
            ps.setString(4, cp.signatureAlgorithm());
            ps.setBytes(5, cp.signature());
            ps.setBytes(6, cp.signerChain());
            ps.setBytes(7, cp.timestampToken());
            try {
                ps.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!Dialect.isUniqueViolation(e)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("write checkpoint at seq " + cp.seq() + " failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    private void loadLast() {
        try (Connection c = database.connection("read last checkpoint");
             PreparedStatement ps = c.prepareStatement(LAST); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                lastSeq = rs.getLong(1);
                lastAt = Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS);
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("read last checkpoint failed (SQLState " + e.getSQLState() + ")", e);
        }
    }
}
