package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** Reads for the API, operators and the exchange; each in its own short transaction. */
final class Reads {
    private static final String MESSAGE = "SELECT pk, message_id, direction, partner, kind, request_type,"
            + " conversation_id, in_reply_to, status, created_at, received_at, updated_at, envelope, message_xml,"
            + " content_sha256, receipt_log_seq, sealed FROM messages";
    private static final String DOCUMENTS = "SELECT d.message_pk, d.position, d.document_id, d.doc_type, d.language,"
            + " d.media_type, d.sha256, d.size_bytes, d.content, d.translation_of, m.direction, m.partner,"
            + " m.message_id, m.sealed, d.content_file, d.file_sealed FROM documents d"
            + " JOIN messages m ON m.pk = d.message_pk WHERE d.message_pk = ?"
            + " ORDER BY d.position";
    private static final String RECEIPTS =
            "SELECT pk, direction, receipt_xml, status, log_seq, created_at FROM receipts"
                    + " WHERE message_pk = ? ORDER BY pk";
    private static final String DEPTHS = "SELECT queue_name, target, state, COUNT(*) FROM queue_items"
            + " GROUP BY queue_name, target, state ORDER BY queue_name, target, state";

    private static final String REJECTED = "rejected";
    private static final String SENDER = "\"sender\":";

    private final TxRunner runner;
    private final DocumentFiles files;

    Reads(TxRunner runner, DocumentFiles files) {
        this.files = files;
        this.runner = runner;
    }

    Optional<StoredMessage> message(Direction direction, String partner, String messageId) {
        return runner.read(
                "read message " + messageId,
                tx -> first(
                        tx,
                        MESSAGE + " WHERE direction = ? AND partner = ? AND message_id = ?",
                        direction.name(),
                        partner,
                        messageId));
    }

    /** See {@link InboxStore#filesOfAccepted}. */
    Optional<java.util.Map<String, DocumentFiles.Written>> filesOfAccepted(
            String sender, String messageId, byte[] contentSha256) {
        Optional<StoredMessage> original = message(Direction.IN, sender, messageId);
        if (original.isEmpty()
                || !original.get()
                        .contentSha256()
                        .equals(java.util.HexFormat.of().formatHex(contentSha256))) {
            return Optional.empty();
        }
        long pk = original.get().pk();
        return Optional.of(runner.read("read the files of message " + messageId, tx -> {
            java.util.Map<String, DocumentFiles.Written> out = new java.util.HashMap<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(DOCUMENTS)) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String file = rs.getString("content_file");
                        if (file != null) {
                            out.put(
                                    rs.getString("document_id"),
                                    new DocumentFiles.Written(
                                            file,
                                            rs.getString("sha256"),
                                            rs.getLong("size_bytes"),
                                            rs.getBoolean("file_sealed")));
                        }
                    }
                }
            }
            return out;
        }));
    }

    Optional<StoredMessage> message(long pk) {
        return runner.read("read message " + pk, tx -> first(tx, MESSAGE + " WHERE pk = ?", pk));
    }

    List<StoredMessage> byMessageId(String messageId) {
        return list("read message " + messageId, MESSAGE + " WHERE message_id = ? ORDER BY pk", messageId);
    }

    private List<StoredMessage> list(String operation, String sql, String param) {
        return runner.read(operation, tx -> {
            List<StoredMessage> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
                ps.setString(1, param);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(message(tx, rs));
                    }
                }
            }
            return out;
        });
    }

    /** The messages of one conversation, in the order they were stored. */
    List<StoredMessage> conversation(String conversationId) {
        return list(
                "read conversation " + conversationId,
                MESSAGE + " WHERE conversation_id = ? ORDER BY created_at, pk",
                conversationId);
    }

    private static Optional<StoredMessage> first(Tx tx, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Rows.bind(ps, i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(message(tx, rs)) : Optional.empty();
            }
        }
    }

    private static StoredMessage message(Tx tx, ResultSet rs) throws SQLException {
        Direction direction = Direction.valueOf(rs.getString("direction"));
        String partner = rs.getString("partner");
        String messageId = rs.getString("message_id");
        boolean sealed = rs.getBoolean("sealed");
        byte[] envelope =
                tx.sealing.read(rs, "envelope", sealed, Sealing.binding(direction, partner, messageId, "envelope"));
        byte[] xml = tx.sealing.read(
                rs, "message_xml", sealed, Sealing.binding(direction, partner, messageId, "message_xml"));
        return new StoredMessage(
                rs.getLong("pk"),
                messageId,
                direction,
                partner,
                rs.getString("kind"),
                rs.getString("request_type"),
                rs.getString("conversation_id"),
                rs.getString("in_reply_to"),
                MessageStatus.fromDb(rs.getString("status")),
                Rows.time(rs, "created_at"),
                Rows.time(rs, "received_at"),
                Rows.time(rs, "updated_at"),
                envelope,
                xml,
                rs.getString("content_sha256"),
                Rows.nullableLong(rs, "receipt_log_seq"));
    }

    List<StoredDocument> documents(long messagePk) {
        return runner.read("read documents of message " + messagePk, tx -> {
            List<StoredDocument> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(DOCUMENTS)) {
                ps.setLong(1, messagePk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean inFile = rs.getString("content_file") != null;
                        byte[] content = inFile
                                ? null
                                : tx.sealing.read(
                                        rs,
                                        "content",
                                        rs.getBoolean("sealed"),
                                        Sealing.documentBinding(
                                                Direction.valueOf(rs.getString("direction")),
                                                rs.getString("partner"),
                                                rs.getString("message_id"),
                                                rs.getString(3)));
                        out.add(new StoredDocument(
                                rs.getLong(1),
                                rs.getInt(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getLong(8),
                                content,
                                rs.getString(10),
                                inFile));
                    }
                }
            }
            return out;
        });
    }

    /** Every log entry that names the message id, in seq order. */
    List<LogEntry> timeline(String messageId) {
        return runner.read("read timeline of " + messageId, tx -> {
            try (PreparedStatement ps = tx.connection.prepareStatement(
                    "SELECT " + LogRows.COLUMNS + " FROM message_log WHERE message_id = ? ORDER BY seq")) {
                ps.setString(1, messageId);
                return LogRows.entries(ps);
            }
        });
    }

    /**
     * The timeline of one stored message (see {@code Store.timeline(long)}); {@code idIsUnique} is
     * asked only when an entry names the id without a key.
     */
    List<LogEntry> timeline(StoredMessage m, java.util.function.BooleanSupplier idIsUnique) {
        record Named(LogEntry entry, boolean keyed) {}
        List<Named> named = runner.read("read timeline of message " + m.pk(), tx -> {
            try (PreparedStatement ps = tx.connection.prepareStatement("SELECT " + LogRows.COLUMNS + ", message_pk"
                    + " FROM message_log WHERE message_id = ? AND (message_pk = ? OR message_pk IS NULL)"
                    + " ORDER BY seq")) {
                ps.setString(1, m.messageId());
                ps.setLong(2, m.pk());
                List<Named> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LogEntry e = LogRows.entry(rs);
                        rs.getLong(LogRows.COLUMN_COUNT + 1);
                        rows.add(new Named(e, !rs.wasNull()));
                    }
                }
                return rows;
            }
        });
        List<LogEntry> out = new ArrayList<>(named.size());
        Boolean unique = null;
        for (Named n : named) {
            LogEntry e = n.entry();
            if (n.keyed()) {
                out.add(e);
            } else if (REJECTED.equals(e.event())) {
                // A rejected attempt is inbound by nature; it belongs to the partner it claimed to come from.
                if (m.direction() == Direction.IN
                        && (!e.details().contains(SENDER)
                                || e.details().contains(SENDER + "\"" + m.partner() + "\""))) {
                    out.add(e);
                }
            } else {
                if (unique == null) {
                    unique = idIsUnique.getAsBoolean();
                }
                if (unique) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The API client that submitted an outgoing message: its idempotency key's client. */
    Optional<String> submitter(long messagePk) {
        return runner.read("read submitter of message " + messagePk, tx -> {
            try (PreparedStatement ps = tx.connection.prepareStatement(
                    "SELECT client FROM idempotency_keys WHERE message_pk = ? ORDER BY created_at LIMIT 1")) {
                ps.setLong(1, messagePk);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** The receipts kept for one message, oldest first. */
    List<StoredReceipt> receipts(long messagePk) {
        return runner.read("read receipts of message " + messagePk, tx -> {
            List<StoredReceipt> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(RECEIPTS)) {
                ps.setLong(1, messagePk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredReceipt(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getBytes(3),
                                rs.getString(4),
                                Rows.nullableLong(rs, "log_seq"),
                                Rows.time(rs, "created_at")));
                    }
                }
            }
            return out;
        });
    }

    /** Log entries with afterSeq &lt; seq &lt;= upToSeq, at most {@code limit}, in seq order. */
    List<LogEntry> logPage(long afterSeq, long upToSeq, int limit) {
        return runner.read(
                "read log entries after " + afterSeq, tx -> LogRows.page(tx.connection, afterSeq, upToSeq, limit));
    }

    /** The first checkpoint at or after {@code seq}: the one whose signature covers that entry. */
    Optional<Checkpoint> checkpointAtOrAfter(long seq) {
        return runner.read("read checkpoint covering " + seq, tx -> {
            List<Checkpoint> one = LogRows.checkpoints(tx.connection, seq, Long.MAX_VALUE, 1);
            return one.isEmpty() ? Optional.<Checkpoint>empty() : Optional.of(one.get(0));
        });
    }

    long logHeadSeq() {
        return runner.read("read log head", tx -> LogRows.head(tx.connection).seq());
    }

    long logV2FromSeq() {
        return runner.read("read log encoding", tx -> LogRows.v2FromSeq(tx.connection));
    }

    List<QueueItem> queueItemsOf(long messagePk) {
        return runner.read(
                "read queue items of message " + messagePk,
                tx -> QueueRows.select(tx, QueueRows.SELECT + " WHERE q.message_pk = ? ORDER BY q.id", messagePk));
    }

    /** Open items (not DONE) with a due date before {@code before}, earliest first. */
    List<QueueItem> dueBefore(Instant before) {
        return runner.read(
                "read due items",
                tx -> QueueRows.select(
                        tx,
                        QueueRows.SELECT
                                + " WHERE q.due_at IS NOT NULL AND q.due_at < ? AND q.state <> 'DONE' ORDER BY"
                                + " q.due_at",
                        before));
    }

    Optional<QueueItem> queueItem(long id) {
        return runner.read("read queue item " + id, tx -> QueueRows.byId(tx, id));
    }

    List<QueueDepth> queueDepths() {
        return runner.read("read queue depths", tx -> {
            List<QueueDepth> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(DEPTHS);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new QueueDepth(
                            Queue.fromDb(rs.getString(1)),
                            rs.getString(2),
                            QueueItem.State.valueOf(rs.getString(3)),
                            rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /**
     * The content of one document as a stream, from {@code offset} for {@code length} bytes (to the
     * end when negative), whether it is in the file store or in its row. Verified as it is read.
     */
    java.io.InputStream openDocument(long messagePk, String documentId, long offset, long length) {
        return runner.read("open document " + documentId + " of message " + messagePk, tx -> {
            try (PreparedStatement ps = tx.connection.prepareStatement(
                    DOCUMENTS.replace("WHERE d.message_pk = ?", "WHERE d.message_pk = ? AND d.document_id = ?"))) {
                ps.setLong(1, messagePk);
                ps.setString(2, documentId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new GatewayException(
                                ErrorCode.NOT_FOUND, "no document " + documentId + " in message " + messagePk);
                    }
                    String binding = Sealing.documentBinding(
                            Direction.valueOf(rs.getString("direction")),
                            rs.getString("partner"),
                            rs.getString("message_id"),
                            documentId);
                    String file = rs.getString("content_file");
                    if (file != null) {
                        return files.open(binding, file, rs.getBoolean("file_sealed"), offset, length);
                    }
                    byte[] content = tx.sealing.read(rs, "content", rs.getBoolean("sealed"), binding);
                    int from = (int) Math.min(offset, content.length);
                    int to = length < 0 ? content.length : (int) Math.min(content.length, from + length);
                    return new java.io.ByteArrayInputStream(content, from, to - from);
                }
            }
        });
    }
}
