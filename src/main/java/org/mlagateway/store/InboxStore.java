package org.mlagateway.store;

import java.time.Instant;
import java.util.List;

/**
 * The store as the inbound exchange sees it: accepting a verified delivery, keeping the receipt
 * issued for it, and recording a rejected attempt. {@link Store} implements it.
 */
public interface InboxStore {
    /** Stores a received message with its queue item and log entries, or recognises a redelivery. */
    AcceptResult accept(IncomingMessage in);

    /**
     * {@link #accept(IncomingMessage)} together with the replay guard (docs/protocol.md#replay-and-duplicates): the
     * delivery's signature value is recorded, until {@code keepUntil}, in the same transaction as
     * the message or its {@code duplicate-received} entry (alone for a conflict). Fails with
     * {@code GatewayException} {@code REPLAY}, having stored nothing, when the value was recorded
     * before, whether by this node or another sharing the database.
     */
    AcceptResult accept(IncomingMessage in, byte[] signatureSha256, Instant keepUntil);

    /** Where the documents that travel as attachment parts are written before their message is accepted. */
    DocumentFiles documentFiles();

    /**
     * The files of the documents of an incoming message from {@code sender} already accepted with
     * this id and the content digest {@code contentSha256}, by document id; empty when there is no
     * such message. A redelivery then needs none of its parts written again: the accept it makes
     * is a duplicate, and never names these files.
     */
    java.util.Optional<java.util.Map<String, DocumentFiles.Written>> filesOfAccepted(
            String sender, String messageId, byte[] contentSha256);

    /** Appends a {@code rejected} entry; returns its seq. */
    long recordRejection(Rejection rejection);

    /**
     * Keeps the receipt issued for what {@link #accept} returned (log seq: the message's
     * {@code received} entry, which the result carries, so nothing needs to be read back).
     */
    void storeIssuedReceipt(AcceptResult accepted, byte[] receiptXml, String status);

    /**
     * Incoming messages with pk above {@code afterPk}, received at or before {@code receivedBefore},
     * that have no issued receipt for their {@code received} entry: the node that accepted them died
     * between the commit and storing the receipt. At most {@code max}, in pk order.
     */
    List<Long> withoutIssuedReceipt(long afterPk, java.time.Instant receivedBefore, int max);

    /**
     * How far a sweep for {@link #withoutIssuedReceipt} has looked once it found none above
     * {@code afterPk}: below the first message received after {@code receivedBefore} (whose accept
     * may still be storing its receipt), else up to the newest message.
     */
    long sweptUpTo(long afterPk, java.time.Instant receivedBefore);

    /**
     * Stores a receipt issued late for the message's {@code received} entry {@code logSeq}, with a
     * {@code receipt-recovered} log entry, unless an issued receipt for it is stored already (another
     * node recovered it, or the accepting node stored it after all). True when this call stored it.
     */
    boolean storeRecoveredReceipt(long messagePk, long logSeq, byte[] receiptXml, String status);
}
