package org.mlagateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A store as it was before log encoding v2: the schema migrated to version 5 only, and entries
 * written in v1 by plain SQL, as that version wrote them. Opening a {@link Store} on it then
 * upgrades it.
 */
final class V1Entries {
    private V1Entries() {}

    /**
     * Migrates a fresh database to schema version 5 and writes {@code n} v1 entries ({@code
     * MessageLogContract.event}).
     */
    static void write(TestDatabase db, int n) throws SQLException {
        Flyway.configure()
                .dataSource(db.jdbcUrl(), null, null)
                .locations("classpath:db/migration")
                .placeholders(Map.of("large_binary", Dialect.of(db.jdbcUrl()).largeBinaryType()))
                .target("5")
                .load()
                .migrate();
        String prev = LogHash.GENESIS;
        try (Connection c = db.connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO message_log"
                        + " (seq, at_micros, event, message_id, conversation_id, actor, details, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int seq = 1; seq <= n; seq++) {
                LogEvent e = MessageLogContract.event(seq);
                String hash = LogHash.hash(
                        seq, seq * 1000L, e.event(), e.messageId(), e.conversationId(), e.actor(), e.details(), prev);
                Object[] values = {
                    seq, seq * 1000L, e.event(), e.messageId(), e.conversationId(), e.actor(), e.details(), prev, hash
                };
                for (int i = 0; i < values.length; i++) {
                    ps.setObject(i + 1, values[i]);
                }
                ps.executeUpdate();
                prev = hash;
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE log_head SET seq = " + n + ", hash = '" + prev + "'");
            }
        }
    }
}
