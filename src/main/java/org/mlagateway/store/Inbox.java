package org.mlagateway.store;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incoming messages. {@link #accept} stores the message, its documents, its queue item and its log
 * entries in one transaction. Duplicate detection rests on the UNIQUE (direction, partner,
 * message_id) constraint, never on read-then-write: the insert either wins or fails with SQLState
 * 23505 (a concurrent identical delivery waits for the first to commit), the transaction is rolled
 * back, and only then is the original read to tell a duplicate from a conflict.
 */
final class Inbox {
    private final TxRunner runner;
    private final Reads reads;
    private final ReplayGuard replayGuard;

    Inbox(TxRunner runner, Reads reads, ReplayGuard replayGuard) {
        this.runner = runner;
        this.reads = reads;
        this.replayGuard = replayGuard;
    }

    AcceptResult accept(IncomingMessage in) {
        return accept(in, null);
    }

    /**
     * With {@code seen} given, the delivery's signature value is recorded in the same transaction
     * as whatever the delivery stores or logs (the message, or its {@code duplicate-received}
     * entry), or alone for a conflict; a value recorded before fails the whole with {@code REPLAY}.
     */
    AcceptResult accept(IncomingMessage in, SeenSignature seen) {
        try {
            runner.sealing().prepare();
            return runner.inTx("accept message " + in.messageId(), tx -> {
                record(tx, seen);
                return insert(tx, in);
            });
        } catch (UniqueViolation e) {
            return classify(in, seen, e);
        }
    }

    /** A delivery's signature value for the replay guard, and until when to keep it. */
    record SeenSignature(byte[] sha256, java.time.Instant keepUntil) {}

    private void record(Tx tx, SeenSignature seen) throws SQLException {
        if (seen != null) {
            replayGuard.record(tx, seen.sha256(), seen.keepUntil());
        }
    }

    private static AcceptResult insert(Tx tx, IncomingMessage in) throws SQLException {
        String digest = Rows.hex(in.contentSha256());
        long pk = MessageRows.insert(
                tx,
                new MessageRows.NewMessage(
                        in.messageId(),
                        Direction.IN,
                        in.sender(),
                        in.kind(),
                        in.requestType(),
                        in.conversationId(),
                        in.inReplyTo(),
                        MessageStatus.RECEIVED,
                        tx.now,
                        in.envelopeShared(),
                        in.messageXmlShared(),
                        digest),
                in.documents());
        SearchRows.insert(tx, pk, in.search());
        long itemId = QueueRows.insert(tx, in.routing(), pk);
        tx.log(
                LogEvent.of(
                        "received",
                        in.messageId(),
                        in.conversationId(),
                        in.sender(),
                        Map.of("direction", "IN", "kind", in.kind(), "partner", in.sender())),
                pk);
        tx.log(
                LogEvent.of(
                        "stored",
                        in.messageId(),
                        in.conversationId(),
                        Store.ACTOR,
                        Map.of("documents", in.documents().size(), "sha256", digest)),
                pk);
        tx.log(
                LogEvent.of(
                        "routed",
                        in.messageId(),
                        in.conversationId(),
                        Store.ACTOR,
                        QueueRows.details(in.routing(), itemId)),
                pk);
        List<LogEntry> entries = tx.appendLog();
        long receiptSeq = entries.get(0).seq();
        MessageRows.update(tx, pk, "receipt_log_seq = ?", receiptSeq);
        return new AcceptResult(AcceptResult.Outcome.ACCEPTED, pk, tx.now, receiptSeq, null);
    }

    /**
     * The original exists (it committed, or the insert would not have failed). A duplicate is
     * logged as {@code duplicate-received} in its own transaction; a conflict is not logged here,
     * because the exchange rejects it and records the rejection.
     */
    private AcceptResult classify(IncomingMessage in, SeenSignature seen, UniqueViolation violation) {
        StoredMessage original = reads.message(Direction.IN, in.sender(), in.messageId())
                .orElseThrow(() -> new StoreException(
                        "accept message " + in.messageId() + ": unique violation without an original message",
                        violation));
        boolean same = Arrays.equals(HexFormat.of().parseHex(original.contentSha256()), in.contentSha256());
        if (!same) {
            if (seen != null) {
                runner.inTx("remember signature", tx -> {
                    record(tx, seen);
                    return null;
                });
            }
            return new AcceptResult(
                    AcceptResult.Outcome.CONFLICT,
                    original.pk(),
                    original.receivedAt(),
                    original.receiptLogSeq(),
                    null);
        }
        long duplicateSeq = runner.inTx("log duplicate of " + in.messageId(), tx -> {
            record(tx, seen);
            tx.log(
                    LogEvent.of(
                            "duplicate-received",
                            in.messageId(),
                            in.conversationId(),
                            in.sender(),
                            Map.of("originalSeq", original.receiptLogSeq())),
                    original.pk());
            return tx.appendLog().get(0).seq();
        });
        return new AcceptResult(
                AcceptResult.Outcome.DUPLICATE,
                original.pk(),
                original.receivedAt(),
                original.receiptLogSeq(),
                duplicateSeq);
    }

    /** Every rejected delivery attempt is logged, with what is known about it. */
    long recordRejection(Rejection r) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("code", r.errorCode());
        putIfKnown(details, "correlationId", r.correlationId());
        putIfKnown(details, "remoteAddress", r.remoteAddress());
        putIfKnown(details, "certificateSubject", r.certificateSubject());
        putIfKnown(details, "sender", r.sender());
        return runner.inTx("record rejection " + r.errorCode(), tx -> {
            tx.log(LogEvent.of("rejected", r.messageId(), null, Store.ACTOR, details));
            return tx.appendLog().get(0).seq();
        });
    }

    /** Keeps the receipt issued for a message whose {@code received} entry is {@code logSeq}; one insert. */
    void storeIssuedReceipt(long messagePk, long logSeq, byte[] receiptXml, String status) {
        Check.bytes("receiptXml", receiptXml);
        Check.text("status", status, 32);
        runner.inTx("store issued receipt for message " + messagePk, tx -> {
            ReceiptRows.insert(tx, messagePk, "ISSUED", receiptXml, status, logSeq);
            return null;
        });
    }

    private static final String WITHOUT_RECEIPT = "SELECT m.pk FROM messages m WHERE m.direction = 'IN'"
            + " AND m.pk > ? AND m.received_at <= ? AND m.receipt_log_seq IS NOT NULL AND NOT EXISTS"
            + " (SELECT 1 FROM receipts r WHERE r.message_pk = m.pk AND r.direction = 'ISSUED'"
            + " AND r.log_seq = m.receipt_log_seq) ORDER BY m.pk LIMIT ?";

    List<Long> withoutIssuedReceipt(long afterPk, java.time.Instant receivedBefore, int max) {
        return runner.read("find accepted messages without a stored receipt", tx -> {
            try (java.sql.PreparedStatement ps = tx.connection.prepareStatement(WITHOUT_RECEIPT)) {
                ps.setLong(1, afterPk);
                Rows.setTime(ps, 2, receivedBefore);
                ps.setInt(3, max);
                List<Long> pks = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pks.add(rs.getLong(1));
                    }
                }
                return pks;
            }
        });
    }

    long sweptUpTo(long afterPk, java.time.Instant receivedBefore) {
        return runner.read("find how far the receipt sweep has looked", tx -> {
            try (java.sql.PreparedStatement ps = tx.connection.prepareStatement(
                    "SELECT MIN(pk) FROM messages" + " WHERE pk > ? AND direction = 'IN' AND received_at > ?")) {
                ps.setLong(1, afterPk);
                Rows.setTime(ps, 2, receivedBefore);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long young = rs.getLong(1);
                    if (!rs.wasNull()) {
                        return young - 1;
                    }
                }
            }
            try (java.sql.PreparedStatement ps =
                            tx.connection.prepareStatement("SELECT COALESCE(MAX(pk), 0) FROM messages");
                    java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.max(afterPk, rs.getLong(1));
            }
        });
    }

    boolean storeRecoveredReceipt(long messagePk, long logSeq, byte[] receiptXml, String status) {
        Check.bytes("receiptXml", receiptXml);
        Check.text("status", status, 32);
        return runner.inTx("store the receipt recovered for message " + messagePk, tx -> {
            try (java.sql.PreparedStatement lock =
                    tx.connection.prepareStatement("SELECT pk FROM messages WHERE pk = ? FOR UPDATE")) {
                lock.setLong(1, messagePk);
                lock.executeQuery().close(); // two nodes recovering one message take turns here
            }
            MessageRows.Header m = MessageRows.header(tx, messagePk);
            try (java.sql.PreparedStatement ps = tx.connection.prepareStatement(
                    "SELECT 1 FROM receipts" + " WHERE message_pk = ? AND direction = 'ISSUED' AND log_seq = ?")) {
                ps.setLong(1, messagePk);
                ps.setLong(2, logSeq);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            ReceiptRows.insert(tx, messagePk, "ISSUED", receiptXml, status, logSeq);
            tx.log(
                    LogEvent.of(
                            "receipt-recovered",
                            m.messageId(),
                            m.conversationId(),
                            Store.ACTOR,
                            Map.of("receivedSeq", logSeq, "status", status)),
                    messagePk);
            return true;
        });
    }

    private static void putIfKnown(Map<String, Object> details, String key, String value) {
        if (value != null) {
            details.put(key, value);
        }
    }
}
