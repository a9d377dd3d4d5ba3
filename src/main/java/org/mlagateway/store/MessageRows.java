package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** Writes of the messages and documents tables, inside the caller's transaction. */
final class MessageRows {
    private static final String INSERT = "INSERT INTO messages (message_id, direction, partner, kind, request_type,"
            + " conversation_id, in_reply_to, status, created_at, received_at, updated_at, envelope, message_xml,"
            + " content_sha256, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DOCUMENT = "INSERT INTO documents (message_pk, position, document_id,"
            + " doc_type, language, media_type, sha256, size_bytes, content, translation_of, content_file,"
            + " file_sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** A message row to insert. */
    record NewMessage(
            String messageId,
            Direction direction,
            String partner,
            String kind,
            String requestType,
            String conversationId,
            String inReplyTo,
            MessageStatus status,
            Instant receivedAt,
            byte[] envelope,
            byte[] messageXml,
            String contentSha256) {}

    /** The ids the log needs for a stored message. */
    record Header(long pk, String messageId, String conversationId, String partner, Direction direction) {}

    private MessageRows() {}

    static long insert(Tx tx, NewMessage m, List<DocumentData> documents) throws SQLException {
        long pk;
        try (PreparedStatement ps = tx.connection.prepareStatement(INSERT, new String[] {"pk"})) {
            ps.setString(1, m.messageId());
            ps.setString(2, m.direction().name());
            ps.setString(3, m.partner());
            ps.setString(4, m.kind());
            ps.setString(5, m.requestType());
            ps.setString(6, m.conversationId());
            ps.setString(7, m.inReplyTo());
            ps.setString(8, m.status().dbName());
            Rows.setTime(ps, 9, tx.now);
            Rows.setTime(ps, 10, m.receivedAt());
            Rows.setTime(ps, 11, tx.now);
            if (m.envelope() == null) {
                ps.setNull(12, Types.BINARY);
            } else {
                tx.sealing.bind(
                        ps, 12, Sealing.binding(m.direction(), m.partner(), m.messageId(), "envelope"), m.envelope());
            }
            tx.sealing.bind(
                    ps, 13, Sealing.binding(m.direction(), m.partner(), m.messageId(), "message_xml"), m.messageXml());
            ps.setString(14, m.contentSha256());
            ps.setBoolean(15, tx.sealing.on());
            pk = Rows.insertReturningKey(ps);
        }
        insertDocuments(
                tx, pk, new Header(pk, m.messageId(), m.conversationId(), m.partner(), m.direction()), documents, 0);
        return pk;
    }

    /** Adds documents after the message's existing ones (translations, for instance). */
    static void appendDocuments(Tx tx, Header m, List<DocumentData> documents) throws SQLException {
        long pk = m.pk();
        int next;
        try (PreparedStatement ps = tx.connection.prepareStatement(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM documents WHERE message_pk = ?")) {
            ps.setLong(1, pk);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        insertDocuments(tx, pk, m, documents, next);
    }

    /** The documents are sealed or not as their message is ({@code messages.sealed}). */
    private static void insertDocuments(Tx tx, long pk, Header m, List<DocumentData> documents, int firstPosition)
            throws SQLException {
        if (documents.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = tx.connection.prepareStatement(INSERT_DOCUMENT)) {
            int position = firstPosition;
            for (DocumentData d : documents) {
                byte[] content = d.contentShared();
                ps.setLong(1, pk);
                ps.setInt(2, position++);
                ps.setString(3, d.documentId());
                ps.setString(4, d.type());
                ps.setString(5, d.language());
                ps.setString(6, d.mediaType());
                if (d.file() != null) {
                    // Written and synced before this transaction, sealed as this store seals.
                    ps.setString(7, d.file().sha256());
                    ps.setLong(8, d.file().size());
                    ps.setNull(9, java.sql.Types.BINARY);
                    ps.setString(11, d.file().file());
                    ps.setBoolean(12, d.file().sealed());
                } else {
                    ps.setString(7, LogHash.sha256Hex(content));
                    ps.setLong(8, content.length);
                    tx.sealing.bind(
                            ps,
                            9,
                            Sealing.documentBinding(m.direction(), m.partner(), m.messageId(), d.documentId()),
                            content);
                    ps.setNull(11, java.sql.Types.VARCHAR);
                    ps.setBoolean(12, false);
                }
                ps.setString(10, d.translationOf());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static Header header(Tx tx, long pk) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(
                "SELECT pk, message_id, conversation_id, partner, direction FROM messages WHERE pk = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new GatewayException(ErrorCode.NOT_FOUND, "no stored message with pk " + pk);
                }
                return new Header(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Direction.valueOf(rs.getString(5)));
            }
        }
    }

    /** Replaces a large value of the message (envelope or message_xml), sealed as the store seals. */
    static void updateLarge(Tx tx, Header m, String column, byte[] value) throws SQLException {
        if (!column.equals("envelope") && !column.equals("message_xml")) {
            throw new IllegalArgumentException("not a large column of messages: " + column);
        }
        try (PreparedStatement ps =
                tx.connection.prepareStatement("UPDATE messages SET " + column + " = ?, updated_at = ? WHERE pk = ?")) {
            tx.sealing.bind(ps, 1, Sealing.binding(m.direction(), m.partner(), m.messageId(), column), value);
            Rows.setTime(ps, 2, tx.now);
            ps.setLong(3, m.pk());
            ps.executeUpdate();
        }
    }

    static void update(Tx tx, long pk, String setClause, Object... values) throws SQLException {
        try (PreparedStatement ps =
                tx.connection.prepareStatement("UPDATE messages SET " + setClause + ", updated_at = ? WHERE pk = ?")) {
            int i = 1;
            for (Object v : values) {
                Rows.bind(ps, i++, v);
            }
            Rows.setTime(ps, i++, tx.now);
            ps.setLong(i, pk);
            ps.executeUpdate();
        }
    }
}
