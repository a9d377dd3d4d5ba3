package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * Outgoing submissions. A submission is the message, its documents, its idempotency key, its queue
 * item and a {@code queued-for-send} log entry, in one transaction. A resubmission with the same
 * client and key fails on the key's primary key; the store then answers with the first result (same
 * request digest) or {@code IDEMPOTENCY_KEY_REUSED} (different digest).
 */
final class Outbox {
    private static final String INSERT_KEY = "INSERT INTO idempotency_keys (client, idem_key, request_sha256,"
            + " message_pk, created_at) VALUES (?, ?, ?, ?, ?)";
    private static final String FIND_KEY =
            "SELECT request_sha256, message_pk FROM idempotency_keys" + " WHERE client = ? AND idem_key = ?";
    private static final String SUBMISSION_SEQ =
            "SELECT MIN(seq) FROM message_log WHERE message_id = ?" + " AND event = 'queued-for-send'";

    private record KeyRow(String requestSha256, long messagePk) {}

    private final TxRunner runner;

    Outbox(TxRunner runner) {
        this.runner = runner;
    }

    SubmitResult submit(OutgoingMessage out, String client, String key, byte[] requestDigest) {
        Check.text("client", client, 128);
        Check.text("idempotencyKey", key, 128);
        String digest = Rows.hex(Check.sha256("requestDigest", requestDigest));
        try {
            runner.sealing().prepare();
            return runner.inTx("submit message " + out.messageId(), tx -> insert(tx, out, client, key, digest));
        } catch (UniqueViolation e) {
            return replay(out, client, key, digest, e);
        }
    }

    private static SubmitResult insert(Tx tx, OutgoingMessage out, String client, String key, String digest)
            throws SQLException {
        long pk = MessageRows.insert(
                tx,
                new MessageRows.NewMessage(
                        out.messageId(),
                        Direction.OUT,
                        out.recipient(),
                        out.kind(),
                        out.requestType(),
                        out.conversationId(),
                        out.inReplyTo(),
                        MessageStatus.QUEUED,
                        null,
                        null,
                        out.messageXmlShared(),
                        LogHash.sha256Hex(out.messageXmlShared())),
                out.documents());
        try (PreparedStatement ps = tx.connection.prepareStatement(INSERT_KEY)) {
            ps.setString(1, client);
            ps.setString(2, key);
            ps.setString(3, digest);
            ps.setLong(4, pk);
            Rows.setTime(ps, 5, tx.now);
            ps.executeUpdate();
        }
        SearchRows.insert(tx, pk, out.search());
        long itemId = QueueRows.insert(tx, out.routing(), pk);
        Map<String, Object> details = QueueRows.details(out.routing(), itemId);
        details.put("partner", out.recipient());
        tx.log(LogEvent.of("queued-for-send", out.messageId(), out.conversationId(), client, details), pk);
        long seq = tx.appendLog().get(0).seq();
        return new SubmitResult(pk, out.messageId(), seq, false);
    }

    private SubmitResult replay(OutgoingMessage out, String client, String key, String digest, UniqueViolation e) {
        return runner.read("replay submission " + out.messageId(), tx -> {
            Optional<KeyRow> first = findKey(tx, client, key);
            if (first.isEmpty()) {
                throw new GatewayException(
                        ErrorCode.DUPLICATE_ID_CONFLICT,
                        "outgoing message id " + out.messageId() + " is already used for this partner",
                        e);
            }
            if (!first.get().requestSha256().equals(digest)) {
                throw new GatewayException(
                        ErrorCode.IDEMPOTENCY_KEY_REUSED,
                        "idempotency key of client " + client + " was used for a different request");
            }
            MessageRows.Header header = MessageRows.header(tx, first.get().messagePk());
            return new SubmitResult(header.pk(), header.messageId(), submissionSeq(tx, header.messageId()), true);
        });
    }

    private static Optional<KeyRow> findKey(Tx tx, String client, String key) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(FIND_KEY)) {
            ps.setString(1, client);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new KeyRow(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    private static long submissionSeq(Tx tx, String messageId) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(SUBMISSION_SEQ)) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
