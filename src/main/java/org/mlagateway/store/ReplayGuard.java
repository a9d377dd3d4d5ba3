package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signature values already seen (PROTOCOL.md "Replay": a signature value seen before inside the
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

    /** Records the signature; false when it was already recorded. */
    boolean remember(byte[] signatureSha256, Instant keepUntil) {
        String key = Rows.hex(Check.sha256("signatureSha256", signatureSha256));
        try {
            runner.inTx("remember signature", tx -> {
                try (PreparedStatement ps = tx.connection.prepareStatement(
                        "INSERT INTO seen_signatures (signature_sha256, expires_at) VALUES (?, ?)")) {
                    ps.setString(1, key);
                    ps.setLong(2, ChronoUnit.MICROS.between(Instant.EPOCH, keepUntil));
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (UniqueViolation e) {
            return false;
        }
        if (inserts.incrementAndGet() % PURGE_EVERY == 0) {
            purge();
        }
        return true;
    }

    int purge() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, runner.now());
        return runner.inTx("purge seen signatures", tx -> {
            try (PreparedStatement ps = tx.connection.prepareStatement(
                    "DELETE FROM seen_signatures WHERE expires_at < ?")) {
                ps.setLong(1, now);
                return ps.executeUpdate();
            }
        });
    }
}
