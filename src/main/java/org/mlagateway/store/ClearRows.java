package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows stored in clear before the store had a key-encryption key, and their sealing
 * ({@link Store#sealClearRows}): a message's envelope, message XML and documents are rewritten
 * sealed, and the message marked sealed, in one transaction.
 */
final class ClearRows {
    static final int BATCH = 100;

    private ClearRows() {}

    /** The next messages still in clear, at most {@link #BATCH}. */
    static List<Long> next(Tx tx) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = tx.connection.prepareStatement(
                        "SELECT pk FROM messages WHERE sealed = FALSE ORDER BY pk LIMIT " + BATCH);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Seals one message and its documents; false when another node sealed it meanwhile. */
    static boolean seal(Tx tx, long pk) throws SQLException {
        byte[] envelope;
        byte[] xml;
        MessageRows.Header m;
        try (PreparedStatement ps = tx.connection.prepareStatement("SELECT pk, message_id, conversation_id, partner,"
                + " direction, envelope, message_xml FROM messages WHERE pk = ? AND sealed = FALSE FOR UPDATE")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                m = new MessageRows.Header(
                        pk, rs.getString(2), rs.getString(3), rs.getString(4), Direction.valueOf(rs.getString(5)));
                envelope = rs.getBytes(6);
                xml = rs.getBytes(7);
            }
        }
        // updated_at stays: sealing changes how the row is kept, not the message.
        try (PreparedStatement ps = tx.connection.prepareStatement(
                "UPDATE messages SET envelope = ?, message_xml = ?, sealed = TRUE WHERE pk = ?")) {
            if (envelope == null) {
                ps.setNull(1, java.sql.Types.BINARY);
            } else {
                tx.sealing.bind(
                        ps, 1, Sealing.binding(m.direction(), m.partner(), m.messageId(), "envelope"), envelope);
            }
            tx.sealing.bind(ps, 2, Sealing.binding(m.direction(), m.partner(), m.messageId(), "message_xml"), xml);
            ps.setLong(3, pk);
            ps.executeUpdate();
        }
        List<Object[]> documents = new ArrayList<>();
        try (PreparedStatement ps = tx.connection.prepareStatement(
                "SELECT pk, document_id, content FROM documents WHERE message_pk = ? AND content IS NOT NULL"
                        + " ORDER BY position")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    documents.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getBytes(3)});
                }
            }
        }
        try (PreparedStatement ps = tx.connection.prepareStatement("UPDATE documents SET content = ? WHERE pk = ?")) {
            for (Object[] d : documents) {
                tx.sealing.bind(
                        ps, 1, Sealing.documentBinding(m.direction(), m.partner(), m.messageId(), (String) d[1]), (byte
                                        [])
                                d[2]);
                ps.setLong(2, (Long) d[0]);
                ps.executeUpdate();
            }
        }
        return true;
    }
}
