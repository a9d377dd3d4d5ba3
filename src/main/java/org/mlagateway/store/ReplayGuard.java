package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Signature values already seen (docs/protocol.md#replay-and-duplicates: a signature value seen before inside the
 * timestamp window is a replay, even for identical content). Held in the database under a unique
 * key, so that it holds across restarts and across gateway nodes sharing one PostgreSQL. Entries
 * are kept until their timestamp window has closed; expired ones are purged now and then.
 */
final class ReplayGuard {
    static final int PURGE_EVERY = 1000;

    private final TxRunner runner;
    private final AtomicLong inserts = new AtomicLong();

    ReplayGuard(TxRunner runner) {
        this.runner = runner;
    }

    /**
     * Records the signature inside the caller's transaction, so that it commits with what the
     * delivery stores; fails with {@code REPLAY} when it was already recorded. {@code ON CONFLICT
     * DO NOTHING} waits, on PostgreSQL, for a concurrent transaction recording the same value, and
     * leaves the transaction usable either way.
     */
    void record(Tx tx, byte[] signatureSha256, Instant keepUntil) throws SQLException {
        String key = Rows.hex(Check.sha256("signatureSha256", signatureSha256));
        int inserted;
        try (PreparedStatement ps = tx.connection.prepareStatement("INSERT INTO seen_signatures"
                + " (signature_sha256, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, key);
            ps.setLong(2, ChronoUnit.MICROS.between(Instant.EPOCH, keepUntil));
            inserted = ps.executeUpdate();
        }
        if (inserted == 0) {
            throw new GatewayException(ErrorCode.REPLAY, "this signature value was already received");
        }
        if (inserts.incrementAndGet() % PURGE_EVERY == 0) {
            purge(tx);
        }
    }

    int purge() {
        return runner.inTx("purge seen signatures", this::purge);
    }

    private int purge(Tx tx) throws SQLException {
        try (PreparedStatement ps =
                tx.connection.prepareStatement("DELETE FROM seen_signatures WHERE expires_at < ?")) {
            ps.setLong(1, ChronoUnit.MICROS.between(Instant.EPOCH, tx.now));
            return ps.executeUpdate();
        }
    }
}
