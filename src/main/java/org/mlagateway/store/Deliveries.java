package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sender worker's bookkeeping for outgoing messages: every attempt is a row in
 * delivery_attempts, and every outcome a log entry, in one transaction each.
 */
final class Deliveries {
    private static final String INSERT_ATTEMPT = "INSERT INTO delivery_attempts (message_pk, attempt_no,"
            + " attempted_at, outcome, error_code, http_status, detail, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final TxRunner runner;

    Deliveries(TxRunner runner) {
        this.runner = runner;
    }

    /** A failed attempt that will be retried: logged as {@code attempt-failed}. */
    void recordAttempt(long messagePk, DeliveryAttempt attempt) {
        require(attempt, DeliveryAttempt.Outcome.RETRYABLE_ERROR);
        runner.inTx("record delivery attempt for message " + messagePk, tx -> {
            MessageRows.Header m = outgoing(tx, messagePk);
            insertAttempt(tx, messagePk, attempt);
            MessageRows.update(tx, messagePk, "status = ?", MessageStatus.RETRYING.dbName());
            tx.log(
                    LogEvent.of("attempt-failed", m.messageId(), m.conversationId(), Store.ACTOR, details(m, attempt)),
                    messagePk);
            return null;
        });
    }

    /**
     * Delivered, with the partner's verified receipt: logged as {@code delivered}, {@code receipt-received}; the
     * latter names the receipt by its SHA-256, so that the receipt row can be checked against the log.
     */
    long markDelivered(long messagePk, DeliveryAttempt attempt, byte[] receiptXml, String receiptStatus) {
        require(attempt, DeliveryAttempt.Outcome.DELIVERED);
        Check.bytes("receiptXml", receiptXml);
        Check.text("receiptStatus", receiptStatus, 32);
        return runner.inTx("mark message " + messagePk + " delivered", tx -> {
            MessageRows.Header m = outgoing(tx, messagePk);
            insertAttempt(tx, messagePk, attempt);
            tx.log(
                    LogEvent.of("delivered", m.messageId(), m.conversationId(), Store.ACTOR, details(m, attempt)),
                    messagePk);
            tx.log(
                    LogEvent.of(
                            "receipt-received",
                            m.messageId(),
                            m.conversationId(),
                            m.partner(),
                            Map.of("status", receiptStatus, "sha256", LogHash.sha256Hex(receiptXml))),
                    messagePk);
            List<LogEntry> entries = tx.appendLog();
            long receiptSeq = entries.get(1).seq();
            ReceiptRows.insert(tx, messagePk, "RECEIVED", receiptXml, receiptStatus, receiptSeq);
            MessageRows.update(
                    tx, messagePk, "status = ?, receipt_log_seq = ?", MessageStatus.DELIVERED.dbName(), receiptSeq);
            return receiptSeq;
        });
    }

    /** Given up: logged as {@code failed}. */
    void markFailed(long messagePk, DeliveryAttempt attempt) {
        require(attempt, DeliveryAttempt.Outcome.FAILED);
        runner.inTx("mark message " + messagePk + " failed", tx -> {
            MessageRows.Header m = outgoing(tx, messagePk);
            insertAttempt(tx, messagePk, attempt);
            MessageRows.update(tx, messagePk, "status = ?", MessageStatus.FAILED.dbName());
            tx.log(
                    LogEvent.of("failed", m.messageId(), m.conversationId(), Store.ACTOR, details(m, attempt)),
                    messagePk);
            return null;
        });
    }

    /** Keeps the signed, encrypted envelope exactly as it was sent (evidence). */
    void storeSentEnvelope(long messagePk, byte[] envelope) {
        Check.large("envelope", envelope);
        runner.sealing().prepare();
        runner.inTx("store sent envelope of message " + messagePk, tx -> {
            MessageRows.Header m = outgoing(tx, messagePk);
            MessageRows.updateLarge(tx, m, "envelope", envelope);
            return null;
        });
    }

    private static MessageRows.Header outgoing(Tx tx, long messagePk) throws SQLException {
        MessageRows.Header m = MessageRows.header(tx, messagePk);
        if (m.direction() != Direction.OUT) {
            throw new IllegalArgumentException("message " + messagePk + " is not an outgoing message");
        }
        return m;
    }

    private static void require(DeliveryAttempt attempt, DeliveryAttempt.Outcome outcome) {
        if (attempt.outcome() != outcome) {
            throw new IllegalArgumentException("attempt outcome must be " + outcome + ", was " + attempt.outcome());
        }
    }

    private static void insertAttempt(Tx tx, long messagePk, DeliveryAttempt a) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(INSERT_ATTEMPT)) {
            ps.setLong(1, messagePk);
            ps.setInt(2, a.attemptNo());
            Rows.setTime(ps, 3, a.at());
            ps.setString(4, a.outcome().name());
            ps.setString(5, a.errorCode());
            Rows.setNullableInt(ps, 6, a.httpStatus());
            ps.setString(7, a.detail());
            ps.setLong(8, a.durationMs());
            ps.executeUpdate();
        }
    }

    private static Map<String, Object> details(MessageRows.Header m, DeliveryAttempt a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("attempt", a.attemptNo());
        d.put("partner", m.partner());
        d.put("durationMs", a.durationMs());
        if (a.errorCode() != null) {
            d.put("code", a.errorCode());
        }
        if (a.httpStatus() != null) {
            d.put("httpStatus", a.httpStatus());
        }
        return d;
    }
}
