package org.mlagateway.store;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mlagateway.config.StorageConfig;

/**
 * The gateway's durable store: messages, documents, delivery attempts, receipts, work queues with
 * leases, and the hash-chained message log with signed checkpoints. Embedded H2 in
 * {@code dataDir} unless a PostgreSQL URL is configured; the schema is migrated on open.
 *
 * <p>Guarantees: each write method is one transaction that either commits whole, with its log
 * entries, or leaves nothing behind; when it returns, the commit is durable. The log stays linear
 * and gap-free under concurrent writers on any number of nodes ({@link LogAppender}). Duplicate
 * deliveries create no new message ({@link #accept}). Methods fail with {@link StoreException} when
 * the database fails, with {@code GatewayException} ({@code LEASE_LOST}, {@code NOT_FOUND},
 * {@code IDEMPOTENCY_KEY_REUSED}, ...) when the caller asks for something the state forbids, and
 * with {@link IllegalArgumentException} for invalid arguments. Thread-safe; open one store per
 * database in a process (on H2 the store serialises write transactions, see {@code Dialect}).
 */
public final class Store implements AutoCloseable {
    /** The actor the gateway itself writes into log entries. */
    public static final String ACTOR = "gateway";

    private final Database database;
    private final TxRunner runner;
    private final Checkpointer checkpointer;
    private final Inbox inbox;
    private final ReplayGuard replayGuard;
    private final Outbox outbox;
    private final Deliveries deliveries;
    private final Queues queues;
    private final Reads reads;
    private final LogVerifier verifier;
    private final OperatorRows operator;
    private final CheckpointCheck checkpointCheck;

    private Store(Database database, Clock clock, Checkpointing checkpointing) {
        this.database = database;
        this.checkpointer = new Checkpointer(database, clock, checkpointing);
        this.runner = new TxRunner(database, clock, checkpointer);
        this.reads = new Reads(runner);
        this.replayGuard = new ReplayGuard(runner);
        this.inbox = new Inbox(runner, reads, replayGuard);
        this.outbox = new Outbox(runner);
        this.deliveries = new Deliveries(runner);
        this.queues = new Queues(runner);
        this.operator = new OperatorRows(runner);
        X509Certificate root = null;
        X509Certificate tsa = null;
        if (checkpointing != null) {
            List<X509Certificate> chain = checkpointing.signer().chain();
            root = chain.get(chain.size() - 1);
            tsa = checkpointing.timeStamper() != null ? checkpointing.timeStamper().certificate() : null;
        }
        this.checkpointCheck = new CheckpointCheck(root, tsa);
        this.verifier = new LogVerifier(database, checkpointCheck);
    }

    /** Opens the store without writing checkpoints (existing ones are still verified). */
    public static Store open(StorageConfig storage, Clock clock) {
        return open(storage, clock, null);
    }

    /** Opens the store; {@code checkpointing} may be null. Its signer's root is trusted when verifying. */
    public static Store open(StorageConfig storage, Clock clock, Checkpointing checkpointing) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(clock, "clock");
        Database database = Database.open(storage);
        try {
            return new Store(database, clock, checkpointing);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    // --- incoming ---

    /** Stores a received message with its queue item and log entries, or recognises a redelivery. */
    public AcceptResult accept(IncomingMessage in) {
        return inbox.accept(in);
    }

    /**
     * {@link #accept(IncomingMessage)} together with the replay guard (PROTOCOL.md "Replay"): the
     * delivery's signature value is recorded, until {@code keepUntil}, in the same transaction as
     * the message or its {@code duplicate-received} entry (alone for a conflict). Fails with
     * {@code GatewayException} {@code REPLAY}, having stored nothing, when the value was recorded
     * before, whether by this node or another sharing the database.
     */
    public AcceptResult accept(IncomingMessage in, byte[] signatureSha256, Instant keepUntil) {
        Objects.requireNonNull(keepUntil, "keepUntil");
        return inbox.accept(in, new Inbox.SeenSignature(Check.sha256("signatureSha256", signatureSha256), keepUntil));
    }

    /**
     * Records a signature value until its timestamp window closes; false if it was seen before,
     * which makes the delivery a replay.
     */
    public boolean rememberSignature(byte[] signatureSha256, Instant keepUntil) {
        return replayGuard.remember(signatureSha256, keepUntil);
    }

    /** Appends a {@code rejected} entry; returns its seq. */
    public long recordRejection(Rejection rejection) {
        return inbox.recordRejection(rejection);
    }

    /** Keeps the receipt issued for an accepted message (log seq: its {@code received} entry). */
    public void storeIssuedReceipt(long messagePk, byte[] receiptXml, String status) {
        inbox.storeIssuedReceipt(messagePk, receiptXml, status);
    }

    /**
     * Keeps the receipt issued for what {@link #accept} returned (log seq: the message's
     * {@code received} entry, which the result carries, so nothing needs to be read back).
     */
    public void storeIssuedReceipt(AcceptResult accepted, byte[] receiptXml, String status) {
        if (accepted.outcome() == AcceptResult.Outcome.CONFLICT) {
            throw new IllegalArgumentException("no receipt is issued for a conflict");
        }
        inbox.storeIssuedReceipt(accepted.messagePk(), accepted.receiptLogSeq(), receiptXml, status);
    }

    // --- outgoing ---

    /** Commits a submission to the outbox; safe to repeat with the same client and key. */
    public SubmitResult submitOutgoing(OutgoingMessage out, String client, String idempotencyKey,
                                       byte[] requestDigest) {
        return outbox.submit(out, client, idempotencyKey, requestDigest);
    }

    public void recordAttempt(long messagePk, DeliveryAttempt attempt) {
        deliveries.recordAttempt(messagePk, attempt);
    }

    /** Returns the seq of the {@code receipt-received} entry. */
    public long markDelivered(long messagePk, DeliveryAttempt attempt, byte[] receiptXml, String receiptStatus) {
        return deliveries.markDelivered(messagePk, attempt, receiptXml, receiptStatus);
    }

    public void markFailed(long messagePk, DeliveryAttempt attempt) {
        deliveries.markFailed(messagePk, attempt);
    }

    public void storeSentEnvelope(long messagePk, byte[] envelope) {
        deliveries.storeSentEnvelope(messagePk, envelope);
    }

    // --- queues ---

    /** Leases up to {@code max} items, highest priority first; {@code target} null means any. */
    public List<QueueItem> claim(String queue, String target, String owner, int max, Duration lease) {
        return queues.claim(queue, target, owner, max, lease);
    }

    /**
     * Claims up to {@code max} due items of one target, the first due target not in {@code excluded}
     * (see {@link #claim} for the lease).
     */
    public List<QueueItem> claimOneTarget(String queue, Set<String> excluded, String owner, int max, Duration lease) {
        return queues.claimOneTarget(queue, excluded, owner, max, lease);
    }

    /** Extends the owner's leases on these items to {@code lease} from now; returns the ids it still holds. */
    public List<Long> renewLeases(List<Long> itemIds, String owner, Duration lease) {
        return queues.renew(itemIds, owner, lease);
    }

    public QueueItem ack(long itemId, String owner) {
        return queues.ack(itemId, owner);
    }

    public QueueItem nack(long itemId, String owner, String reason, Duration delay) {
        return queues.nack(itemId, owner, reason, delay);
    }

    public QueueItem release(long itemId, String operator) {
        return queues.release(itemId, operator);
    }

    public QueueItem move(long itemId, String newQueue, String newTarget, String actor) {
        return queues.move(itemId, newQueue, newTarget, actor);
    }

    // --- reads ---

    public Optional<StoredMessage> message(Direction direction, String partner, String messageId) {
        return reads.message(direction, partner, messageId);
    }

    public Optional<StoredMessage> message(long pk) {
        return reads.message(pk);
    }

    /** Every stored message with this id (normally one; an id is unique per direction and partner). */
    public List<StoredMessage> messagesById(String messageId) {
        return reads.byMessageId(messageId);
    }

    /** The messages of a conversation, in the order they were stored. */
    public List<StoredMessage> conversation(String conversationId) {
        return reads.conversation(conversationId);
    }

    /**
     * Adds translated documents to a message and logs {@code translated}, in one transaction. For an
     * outgoing message, {@code replacementXml} is its message XML with the translations included
     * (what will be sent); for an incoming one it is null, since the received message stays as it was.
     */
    public void addTranslations(long messagePk, List<DocumentData> translations, byte[] replacementXml, String actor) {
        Check.text("actor", actor, 128);
        if (translations.isEmpty()) {
            throw new IllegalArgumentException("at least one translation is needed");
        }
        runner.inTx("add translations to message " + messagePk, tx -> {
            MessageRows.Header m = MessageRows.header(tx, messagePk);
            MessageRows.appendDocuments(tx, messagePk, translations);
            if (replacementXml != null) {
                MessageRows.update(tx, messagePk, "message_xml = ?, content_sha256 = ?", (Object) replacementXml,
                        LogHash.sha256Hex(replacementXml));
            }
            tx.log(LogEvent.of("translated", m.messageId(), m.conversationId(), actor,
                    Map.of("documents", translations.size(), "languages",
                            String.join(",", translations.stream().map(DocumentData::language).distinct().toList()))),
                    messagePk);
            return null;
        });
    }

    public List<StoredDocument> documents(long messagePk) {
        return reads.documents(messagePk);
    }

    /** Every log entry that names this message id, whichever stored message it is about, in seq order. */
    public List<LogEntry> timeline(String messageId) {
        return reads.timeline(messageId);
    }

    /**
     * The timeline of one stored message, keyed by its pk and so by direction, partner and id: the
     * entries written about it, the rejected delivery attempts that named its id when it is an
     * incoming message (and their claimed sender, if any, is its partner), and entries that name
     * its id without a key when no other stored message has that id. A partner that reuses one of
     * our message ids therefore never merges its message's timeline with ours.
     */
    public List<LogEntry> timeline(long messagePk) {
        StoredMessage m = message(messagePk).orElseThrow(() -> new org.mlagateway.error.GatewayException(
                org.mlagateway.error.ErrorCode.NOT_FOUND, "no stored message with pk " + messagePk));
        return reads.timeline(m, () -> messagesById(m.messageId()).size() == 1);
    }

    /** The API client that submitted an outgoing message, if it came through the API. */
    public Optional<String> submitter(long messagePk) {
        return reads.submitter(messagePk);
    }

    /** The queue items of one message, oldest first. */
    public List<QueueItem> queueItemsOf(long messagePk) {
        return reads.queueItemsOf(messagePk);
    }

    /** Open items whose clock runs out before {@code before}, earliest first (deadlines, overdue lists). */
    public List<QueueItem> dueBefore(Instant before) {
        return reads.dueBefore(before);
    }

    public Optional<QueueItem> queueItem(long id) {
        return reads.queueItem(id);
    }

    public List<QueueDepth> queueDepths() {
        return reads.queueDepths();
    }

    /** The receipts kept for a message ({@code ISSUED} by us, {@code RECEIVED} from the partner), oldest first. */
    public List<StoredReceipt> receipts(long messagePk) {
        return reads.receipts(messagePk);
    }

    /** Log entries with {@code afterSeq < seq <= upToSeq}, at most {@code limit}, in seq order (for evidence). */
    public List<LogEntry> logPage(long afterSeq, long upToSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return reads.logPage(afterSeq, upToSeq, limit);
    }

    /** The first checkpoint at or after {@code seq}, whose signature therefore covers that entry. */
    public Optional<Checkpoint> checkpointAtOrAfter(long seq) {
        return reads.checkpointAtOrAfter(seq);
    }

    /** The seq of the chain's last entry, as recorded in {@code log_head} (0 for an empty log). */
    public long logHeadSeq() {
        return reads.logHeadSeq();
    }

    /**
     * What is wrong with a checkpoint of this entry, judged as {@link #verify} judges it: the
     * checkpointed hash, the signature, the signer chain (ending at this gateway's root when the store
     * signs checkpoints) and the time-stamp token; empty when it verifies.
     */
    public Optional<String> checkpointProblem(Checkpoint checkpoint, LogEntry entry) {
        return checkpointCheck.problem(checkpoint, entry);
    }

    /** The requests of a period and their replies, as of the query's cut-off (the statistics report). */
    public StatisticsRows.Data statistics(StatisticsRows.Query query) {
        return runner.read("read statistics", tx -> StatisticsRows.read(tx, query));
    }

    /**
     * Runs a trivial query on a pooled connection, for health checks; fails with
     * {@link StoreException} when the database does not answer within {@code timeout} (whole
     * seconds, at least one, as JDBC counts them) or cannot be reached.
     */
    public void ping(Duration timeout) {
        try (Connection c = database.connection("ping the database");
             java.sql.Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            try (java.sql.ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("ping the database failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    // --- operators ---

    /** One page of the message log: messages and rejected attempts matching every filter, newest first. */
    public LogPage search(LogQuery query) {
        return operator.search(Objects.requireNonNull(query, "query"));
    }

    /** The latest {@code max} log entries of one event (e.g. {@code ops-login-failed}), newest first. */
    public List<LogEntry> latest(String event, int max) {
        return operator.latest(event, max);
    }

    /** The delivery attempts of an outgoing message, in order. */
    public List<DeliveryAttempt> attempts(long messagePk) {
        return operator.attempts(messagePk);
    }

    /** Items per queue, target and state, with the oldest open item's age. */
    public List<QueueOverview> queueOverview() {
        return operator.overview();
    }

    /** Leased items whose lease ran out or that were claimed more than {@code heldTooLong} ago, oldest first. */
    public List<StuckLease> stuckLeases(Duration heldTooLong) {
        return operator.stuckLeases(heldTooLong);
    }

    /**
     * Puts a FAILED outgoing message back on {@code sendQueue} for its partner and logs
     * {@code requeued} with the operator as actor; {@code INVALID_REQUEST} if it is not a FAILED
     * outgoing message.
     */
    public QueueItem requeueFailed(long messagePk, String sendQueue, String operatorName) {
        return operator.requeueFailed(messagePk, sendQueue, operatorName);
    }

    /**
     * Indexes, for the operator search, the messages stored before the search existed; returns how
     * many. {@code summarize} reads a stored message XML; a message it cannot read is indexed by its ids.
     */
    public int backfillSearch(java.util.function.Function<byte[], org.mlagateway.message.MessageSummary> summarize) {
        return operator.backfill(summarize);
    }

    // --- the log ---

    /**
     * Appends events about one stored message (e.g. an operator's download) in one transaction, so
     * that they join its {@link #timeline(long)}; returns the new entries.
     */
    public List<LogEntry> append(long messagePk, List<LogEvent> events) {
        List<LogEvent> copy = List.copyOf(events);
        return runner.inTx("append " + copy.size() + " log entries about message " + messagePk, tx -> {
            copy.forEach(e -> tx.log(e, messagePk));
            return tx.appendLog();
        });
    }

    /** Appends events (e.g. {@code translated}) in one transaction; returns the new entries. */
    public List<LogEntry> append(List<LogEvent> events) {
        List<LogEvent> copy = List.copyOf(events);
        return runner.inTx("append " + copy.size() + " log entries", tx -> {
            copy.forEach(tx::log);
            return tx.appendLog();
        });
    }

    /** The log's last seq and its newest checkpoint, for health checks and operators. */
    public LogStatus logStatus() {
        return runner.read("read log status", tx -> {
            LogRows.Head head = LogRows.head(tx.connection);
            try (java.sql.PreparedStatement ps = tx.connection.prepareStatement(
                    "SELECT seq, at_micros FROM log_checkpoints ORDER BY seq DESC LIMIT 1");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new LogStatus(head.seq(), null, null);
                }
                long micros = rs.getLong(2);
                return new LogStatus(head.seq(), rs.getLong(1),
                        Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000));
            }
        });
    }

    /** Signs a checkpoint of the current head now; empty without checkpointing or entries. */
    public Optional<Long> checkpoint() {
        LogRows.Head head;
        try (Connection c = database.connection("read log head")) {
            head = LogRows.head(c);
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("read log head failed (SQLState " + e.getSQLState() + ")", e);
        }
        return head.seq() == 0 ? Optional.empty() : checkpointer.checkpoint(head.seq(), head.hash());
    }

    /** Re-walks the chain from {@code fromSeq} (1 for all) and reports the first problem. */
    public VerifyReport verify(long fromSeq, ProgressListener progress) {
        return verifier.verify(fromSeq, progress == null ? ProgressListener.NONE : progress);
    }

    @Override
    public void close() {
        database.close();
    }
}
