package org.mlagateway.store;

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
public final class Store
        implements InboxStore,
                OutboxStore,
                QueueStore,
                MessageReads,
                TranslationStore,
                MessageLog,
                LogCheckpoints,
                SearchStore,
                OperatorReads,
                RegisterStore,
                AlertStore,
                AutoCloseable {
    /** The actor the gateway itself writes into log entries. */
    public static final String ACTOR = "gateway";

    private final Database database;
    private final TxRunner runner;
    /** Null when the store writes no checkpoints. */
    private final CheckpointWorker checkpointWorker;

    private final CheckpointRows checkpointRows;
    private final AnchorCheck anchorCheck;
    private final Inbox inbox;
    private final ReplayGuard replayGuard;
    private final Outbox outbox;
    private final Deliveries deliveries;
    private final Queues queues;
    private final Reads reads;
    private final LogVerifier verifier;
    private final StateCrossCheck stateCheck;
    private final OperatorRows operator;
    private final CheckpointCheck checkpointCheck;
    private final DataKeyRows dataKeys;
    private final DocumentFiles files;
    private final RegisterRows register;
    private final AlertRows alerts;

    private Store(
            Database database,
            java.nio.file.Path dataDir,
            Clock clock,
            Checkpointing checkpointing,
            CheckpointVerifier auditor) {
        this.database = database;
        this.checkpointRows = new CheckpointRows(database);
        this.checkpointWorker =
                checkpointing == null ? null : new CheckpointWorker(checkpointRows, clock, checkpointing);
        this.runner = new TxRunner(database, clock, checkpointWorker);
        this.files =
                new DocumentFiles(dataDir.resolve("documents"), runner::sealing, DocumentFiles.DEFAULT_RESERVE_BYTES);
        this.reads = new Reads(runner, files);
        this.replayGuard = new ReplayGuard(runner);
        this.inbox = new Inbox(runner, reads, replayGuard);
        this.outbox = new Outbox(runner);
        this.deliveries = new Deliveries(runner);
        this.queues = new Queues(runner);
        this.operator = new OperatorRows(runner);
        CheckpointVerifier judge = checkpointing != null ? checkpointing.verifier() : auditor;
        this.checkpointCheck = new CheckpointCheck(judge);
        this.verifier = new LogVerifier(database, checkpointCheck);
        this.anchorCheck = new AnchorCheck(database, judge);
        this.stateCheck = new StateCrossCheck(database);
        this.dataKeys = new DataKeyRows(runner);
        this.register = new RegisterRows(runner);
        this.alerts = new AlertRows(runner);
    }

    /** How a process opens the store, and so what opening it may change. */
    public enum Access {
        /** Creates the store and migrates its schema as needed; holds embedded H2 alone (tests, benchmarks). */
        OWN,
        /**
         * As {@link #OWN}, and serves an embedded store on loopback to the operator's commands on this
         * machine, so that they run beside the gateway ({@code EmbeddedServer}).
         */
        SERVE,
        /**
         * The operator's commands: the store must exist with its schema up to date, and opening it
         * changes nothing (nothing is created, migrated, sealed or compacted). An embedded store is
         * reached through the gateway serving it, or opened alone when no gateway runs on it.
         */
        JOIN
    }

    /** Opens the store without writing checkpoints; verifying the log then reports every checkpoint as unjudged. */
    public static Store open(StorageConfig storage, Clock clock) {
        return open(storage, clock, null);
    }

    /** Opens the store; {@code checkpointing} may be null. Its verifier judges every checkpoint. */
    public static Store open(StorageConfig storage, Clock clock, Checkpointing checkpointing) {
        return open(storage, clock, checkpointing, null);
    }

    /**
     * Opens the store for an audit ({@code log verify}, {@code log anchor}): it writes no checkpoints and
     * starts no worker, and {@code verifier} judges the checkpoints and anchors it meets. {@code sealing}
     * as for {@link #open(StorageConfig, Clock, Checkpointing, ContentSealer.Factory)}.
     */
    public static Store openForAudit(
            StorageConfig storage, Clock clock, CheckpointVerifier verifier, ContentSealer.Factory sealing) {
        return open(storage, clock, null, Objects.requireNonNull(verifier, "verifier"), sealing, Access.JOIN);
    }

    /**
     * Opens the store, encrypted at rest with the sealer {@code sealing} makes, or in clear when it
     * is null (a store that holds data keys then refuses to open). With a sealer, rows stored in
     * clear before are sealed now ({@link #sealClearRows}); on H2 the file is then compacted, so that
     * the pages that held them in clear are gone from it.
     */
    public static Store open(
            StorageConfig storage, Clock clock, Checkpointing checkpointing, ContentSealer.Factory sealing) {
        return open(storage, clock, checkpointing, CheckpointVerifier.NONE, sealing, Access.OWN);
    }

    /** As {@link #open(StorageConfig, Clock, Checkpointing, ContentSealer.Factory)}, opened as {@code access} says. */
    public static Store open(
            StorageConfig storage,
            Clock clock,
            Checkpointing checkpointing,
            ContentSealer.Factory sealing,
            Access access) {
        return open(storage, clock, checkpointing, CheckpointVerifier.NONE, sealing, access);
    }

    private static Store open(
            StorageConfig storage,
            Clock clock,
            Checkpointing checkpointing,
            CheckpointVerifier auditor,
            ContentSealer.Factory sealing,
            Access access) {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(access, "access");
        Store store = openOnce(storage, clock, checkpointing, auditor, sealing, access);
        // A command leaves sealing the rows stored in clear, and compacting the file, to the gateway.
        if (sealing == null || access == Access.JOIN) {
            return store;
        }
        int sealed;
        try {
            sealed = store.sealClearRows();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        if (sealed == 0 || store.database.dialect() != Dialect.H2) {
            return store;
        }
        store.close();
        Database.compactEmbedded(storage);
        return openOnce(storage, clock, checkpointing, auditor, sealing, access);
    }

    private static Store openOnce(
            StorageConfig storage,
            Clock clock,
            Checkpointing checkpointing,
            CheckpointVerifier auditor,
            ContentSealer.Factory sealing,
            Access access) {
        Database database = Database.open(storage, access);
        try {
            Store store = new Store(database, storage.dataDir(), clock, checkpointing, auditor);
            store.useSealing(sealing);
            return store;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private void useSealing(ContentSealer.Factory factory) {
        boolean keyed = dataKeys.currentKek().isPresent();
        if (factory == null) {
            if (keyed) {
                throw new StoreException("the store is encrypted at rest: configure its key-encryption key"
                        + " (storage.kek, docs/encryption-at-rest.md)");
            }
            return;
        }
        Sealing sealing = new Sealing(factory.start(dataKeys));
        runner.useSealing(sealing);
        if (runner.read("read encryption state", DataKeyRows::sealedWhole)) {
            sealing.sealedWhole();
        }
    }

    /**
     * Seals the large values of every row stored in clear (before the store had a key-encryption
     * key), one message with its documents per transaction, and the register's entries in one, then
     * records that the store is sealed whole; from then on a row in clear is refused, and never sealed:
     * it was not written by the gateway. Safe to run on several nodes at once. Returns the number of
     * messages and register entries sealed.
     */
    public int sealClearRows() {
        Sealing sealing = runner.sealing();
        if (!sealing.on()) {
            throw new IllegalStateException("the store has no key-encryption key");
        }
        if (sealing.isSealedWhole()) {
            return 0;
        }
        int done = 0;
        while (true) {
            List<Long> batch = runner.read("find messages stored in clear", ClearRows::next);
            for (long pk : batch) {
                sealing.prepare();
                if (runner.inTx("seal message " + pk, tx -> ClearRows.seal(tx, pk))) {
                    done++;
                }
            }
            if (batch.isEmpty()) {
                break;
            }
        }
        sealing.prepare();
        done += runner.inTx("seal the register's entries stored in clear", RegisterRows::sealClear);
        runner.inTx("record the store sealed", tx -> {
            DataKeyRows.markSealedWhole(tx);
            return null;
        });
        sealing.sealedWhole();
        return done;
    }

    /** The data keys, for re-wrapping them under a new key-encryption key ({@code keys rotate-kek}). */
    public DataKeys dataKeys() {
        return dataKeys;
    }

    // --- incoming ---

    @Override
    public AcceptResult accept(IncomingMessage in) {
        return inbox.accept(in);
    }

    @Override
    public AcceptResult accept(IncomingMessage in, byte[] signatureSha256, Instant keepUntil) {
        Objects.requireNonNull(keepUntil, "keepUntil");
        return inbox.accept(in, new Inbox.SeenSignature(Check.sha256("signatureSha256", signatureSha256), keepUntil));
    }

    @Override
    public long recordRejection(Rejection rejection) {
        return inbox.recordRejection(rejection);
    }

    @Override
    public void storeIssuedReceipt(AcceptResult accepted, byte[] receiptXml, String status) {
        if (accepted.outcome() == AcceptResult.Outcome.CONFLICT) {
            throw new IllegalArgumentException("no receipt is issued for a conflict");
        }
        inbox.storeIssuedReceipt(accepted.messagePk(), accepted.receiptLogSeq(), receiptXml, status);
    }

    @Override
    public List<Long> withoutIssuedReceipt(long afterPk, Instant receivedBefore, int max) {
        return inbox.withoutIssuedReceipt(afterPk, receivedBefore, max);
    }

    @Override
    public long sweptUpTo(long afterPk, Instant receivedBefore) {
        return inbox.sweptUpTo(afterPk, receivedBefore);
    }

    @Override
    public boolean storeRecoveredReceipt(long messagePk, long logSeq, byte[] receiptXml, String status) {
        return inbox.storeRecoveredReceipt(messagePk, logSeq, receiptXml, status);
    }

    // --- outgoing ---

    @Override
    public SubmitResult submitOutgoing(
            OutgoingMessage out, String client, String idempotencyKey, byte[] requestDigest) {
        return outbox.submit(out, client, idempotencyKey, requestDigest);
    }

    @Override
    public void recordAttempt(long messagePk, DeliveryAttempt attempt) {
        deliveries.recordAttempt(messagePk, attempt);
    }

    @Override
    public long markDelivered(long messagePk, DeliveryAttempt attempt, byte[] receiptXml, String receiptStatus) {
        return deliveries.markDelivered(messagePk, attempt, receiptXml, receiptStatus);
    }

    @Override
    public void markFailed(long messagePk, DeliveryAttempt attempt) {
        deliveries.markFailed(messagePk, attempt);
    }

    @Override
    public void storeSentEnvelope(long messagePk, byte[] envelope) {
        deliveries.storeSentEnvelope(messagePk, envelope);
    }

    // --- queues ---

    @Override
    public List<QueueItem> claim(Queue queue, String target, String owner, int max, Duration lease) {
        return queues.claim(queue, target, owner, max, lease);
    }

    @Override
    public List<QueueItem> claimOneTarget(Queue queue, Set<String> excluded, String owner, int max, Duration lease) {
        return queues.claimOneTarget(queue, excluded, owner, max, lease);
    }

    @Override
    public List<Long> renewLeases(List<Long> itemIds, String owner, Duration lease) {
        return queues.renew(itemIds, owner, lease);
    }

    @Override
    public int expireLeasesOf(String owner) {
        return queues.expireLeasesOf(owner);
    }

    @Override
    public QueueItem ack(long itemId, String owner) {
        return queues.ack(itemId, owner);
    }

    @Override
    public QueueItem nack(long itemId, String owner, String reason, Duration delay) {
        return queues.nack(itemId, owner, reason, delay);
    }

    @Override
    public QueueItem release(long itemId, String operator) {
        return queues.release(itemId, operator);
    }

    @Override
    public QueueItem move(long itemId, Queue newQueue, String newTarget, String actor) {
        return queues.move(itemId, newQueue, newTarget, actor);
    }

    // --- reads ---

    @Override
    public Optional<StoredMessage> message(Direction direction, String partner, String messageId) {
        return reads.message(direction, partner, messageId);
    }

    @Override
    public Optional<StoredMessage> message(long pk) {
        return reads.message(pk);
    }

    @Override
    public List<StoredMessage> messagesById(String messageId) {
        return reads.byMessageId(messageId);
    }

    @Override
    public List<StoredMessage> conversation(String conversationId) {
        return reads.conversation(conversationId);
    }

    @Override
    public void addTranslations(long messagePk, List<DocumentData> translations, byte[] replacementXml, String actor) {
        Check.text("actor", actor, 128);
        if (translations.isEmpty()) {
            throw new IllegalArgumentException("at least one translation is needed");
        }
        runner.sealing().prepare();
        runner.inTx("add translations to message " + messagePk, tx -> {
            MessageRows.Header m = MessageRows.header(tx, messagePk);
            MessageRows.appendDocuments(tx, m, translations);
            if (replacementXml != null) {
                MessageRows.updateLarge(tx, m, "message_xml", replacementXml);
                MessageRows.update(tx, messagePk, "content_sha256 = ?", LogHash.sha256Hex(replacementXml));
            }
            tx.log(
                    LogEvent.of(
                            "translated",
                            m.messageId(),
                            m.conversationId(),
                            actor,
                            Map.of(
                                    "documents",
                                    translations.size(),
                                    "languages",
                                    String.join(
                                            ",",
                                            translations.stream()
                                                    .map(DocumentData::language)
                                                    .distinct()
                                                    .toList()))),
                    messagePk);
            return null;
        });
    }

    @Override
    public List<StoredDocument> documents(long messagePk) {
        return reads.documents(messagePk);
    }

    @Override
    public java.io.InputStream openDocument(long messagePk, String documentId, long offset, long length) {
        return reads.openDocument(messagePk, documentId, offset, length);
    }

    /**
     * The file store of large documents beside the database: an inbound binding writes a document's
     * content there from its stream, then accepts the message with a {@link DocumentData} naming the file.
     */
    public DocumentFiles documentFiles() {
        return files;
    }

    @Override
    public java.util.Optional<java.util.Map<String, DocumentFiles.Written>> filesOfAccepted(
            String sender, String messageId, byte[] contentSha256) {
        return reads.filesOfAccepted(sender, messageId, contentSha256);
    }

    /**
     * Deletes the document files that no committed row names and that are older than an hour: what
     * an accept left behind when it did not commit. Returns how many were deleted.
     */
    public int sweepDocumentFiles() {
        Set<String> referenced = runner.read("read the document files in use", tx -> {
            Set<String> names = new java.util.HashSet<>();
            try (var ps = tx.connection.prepareStatement(
                            "SELECT content_file FROM documents WHERE content_file IS NOT NULL");
                    var rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        return files.sweep(referenced::contains, runner.now());
    }

    @Override
    public List<LogEntry> timeline(String messageId) {
        return reads.timeline(messageId);
    }

    @Override
    public List<LogEntry> timeline(long messagePk) {
        StoredMessage m = message(messagePk)
                .orElseThrow(() -> new org.mlagateway.error.GatewayException(
                        org.mlagateway.error.ErrorCode.NOT_FOUND, "no stored message with pk " + messagePk));
        return reads.timeline(m, () -> messagesById(m.messageId()).size() == 1);
    }

    @Override
    public Optional<String> submitter(long messagePk) {
        return reads.submitter(messagePk);
    }

    @Override
    public List<QueueItem> queueItemsOf(long messagePk) {
        return reads.queueItemsOf(messagePk);
    }

    @Override
    public List<QueueItem> dueBefore(Instant before) {
        return reads.dueBefore(before);
    }

    @Override
    public Optional<QueueItem> queueItem(long id) {
        return reads.queueItem(id);
    }

    @Override
    public List<QueueDepth> queueDepths() {
        return reads.queueDepths();
    }

    @Override
    public List<StoredReceipt> receipts(long messagePk) {
        return reads.receipts(messagePk);
    }

    @Override
    public List<LogEntry> logPage(long afterSeq, long upToSeq, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return reads.logPage(afterSeq, upToSeq, limit);
    }

    @Override
    public Optional<Checkpoint> checkpointAtOrAfter(long seq) {
        return reads.checkpointAtOrAfter(seq);
    }

    @Override
    public long logHeadSeq() {
        return reads.logHeadSeq();
    }

    @Override
    public long logV2FromSeq() {
        return reads.logV2FromSeq();
    }

    @Override
    public Optional<String> checkpointProblem(Checkpoint checkpoint, LogEntry entry) {
        return checkpointCheck.problem(checkpoint, entry);
    }

    @Override
    public StatisticsRows.Data statistics(StatisticsRows.Query query) {
        return runner.read("read statistics", tx -> StatisticsRows.read(tx, query));
    }

    @Override
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

    @Override
    public LogPage search(LogQuery query) {
        return operator.search(Objects.requireNonNull(query, "query"));
    }

    @Override
    public List<DeliveryAttempt> attempts(long messagePk) {
        return operator.attempts(messagePk);
    }

    @Override
    public List<QueueOverview> queueOverview() {
        return operator.overview();
    }

    @Override
    public List<StuckLease> stuckLeases(Duration heldTooLong) {
        return operator.stuckLeases(heldTooLong);
    }

    @Override
    public QueueItem requeueFailed(long messagePk, String operatorName) {
        return operator.requeueFailed(messagePk, operatorName);
    }

    @Override
    public int backfillSearch(java.util.function.Function<byte[], org.mlagateway.message.MessageSummary> summarize) {
        return operator.backfill(summarize);
    }

    // --- the register ---

    @Override
    public List<Long> unfedRegisterMessages(Set<String> kinds, int max) {
        return register.unfedRegisterMessages(kinds, max);
    }

    @Override
    public void feedRegister(long messagePk, List<RegisterRecord> records, PersonMerge merge) {
        register.feedRegister(messagePk, records, merge);
    }

    @Override
    public Confirmed confirmRegister(
            RegisterRecord record, String client, String key, byte[] requestDigest, PersonMerge merge) {
        return register.confirmRegister(record, client, key, requestDigest, merge);
    }

    @Override
    public List<RegisterEntry> registerPage(long afterPk, int limit) {
        return register.registerPage(afterPk, limit);
    }

    @Override
    public Optional<RegisterEntry> registerEntry(String entryId) {
        return register.registerEntry(entryId);
    }

    // --- deadline alerts ---

    @Override
    public List<DueClock> openClocks(Instant before, int max) {
        return alerts.openClocks(before, max);
    }

    @Override
    public boolean claimNotification(String itemKey, String threshold, String channel, Duration retryAfter) {
        return alerts.claimNotification(itemKey, threshold, channel, retryAfter);
    }

    @Override
    public void notificationSent(String itemKey, String threshold, String channel) {
        alerts.notificationSent(itemKey, threshold, channel);
    }

    @Override
    public void notificationFailed(String itemKey, String threshold, String channel, String error) {
        alerts.notificationFailed(itemKey, threshold, channel, error);
    }

    @Override
    public void notificationSuperseded(String itemKey, String threshold, String channel) {
        alerts.notificationSuperseded(itemKey, threshold, channel);
    }

    // --- the log ---

    @Override
    public List<LogEntry> append(long messagePk, List<LogEvent> events) {
        List<LogEvent> copy = List.copyOf(events);
        return runner.inTx("append " + copy.size() + " log entries about message " + messagePk, tx -> {
            copy.forEach(e -> tx.log(e, messagePk));
            return tx.appendLog();
        });
    }

    @Override
    public List<LogEntry> append(List<LogEvent> events) {
        List<LogEvent> copy = List.copyOf(events);
        return runner.inTx("append " + copy.size() + " log entries", tx -> {
            copy.forEach(tx::log);
            return tx.appendLog();
        });
    }

    @Override
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
                return new LogStatus(
                        head.seq(),
                        rs.getLong(1),
                        Instant.ofEpochSecond(
                                Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000));
            }
        });
    }

    @Override
    public Optional<Long> checkpoint() {
        LogRows.Head head;
        try (Connection c = database.connection("read log head")) {
            head = LogRows.head(c);
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("read log head failed (SQLState " + e.getSQLState() + ")", e);
        }
        return head.seq() == 0 || checkpointWorker == null
                ? Optional.empty()
                : checkpointWorker.checkpointNow(head.seq(), head.hash());
    }

    @Override
    public boolean awaitCheckpoints(Duration max) {
        if (checkpointWorker == null) {
            return true;
        }
        try {
            return checkpointWorker.awaitIdle(max);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public StampingStatus stampingStatus() {
        return checkpointWorker == null ? StampingStatus.OFF : checkpointWorker.status();
    }

    @Override
    public Optional<Checkpoint> newestCheckpoint() {
        return checkpointRows.newest();
    }

    @Override
    public AnchorReport verifyAnchors(List<AnchorFile.Anchor> anchors) {
        return anchorCheck.check(List.copyOf(anchors));
    }

    @Override
    public VerifyReport verify(long fromSeq, ProgressListener progress) {
        return verifier.verify(fromSeq, progress == null ? ProgressListener.NONE : progress);
    }

    /**
     * Replays the whole log into the queue items, message statuses and receipt rows it explains, and
     * compares them with the tables ({@link StateCrossCheck}); run it on a log that {@link #verify} found
     * intact, since it trusts the entries it reads.
     */
    public StateReport crossCheckState(ProgressListener progress) {
        return stateCheck.run(progress == null ? ProgressListener.NONE : progress);
    }

    /**
     * Whether the configured database answers, for {@code config check}: empty when it does; otherwise
     * why not, in one line without credentials. Creates and changes nothing.
     */
    public static Optional<String> probe(StorageConfig storage) {
        return Database.probe(storage);
    }

    /** A JDBC URL as it may be shown: without user info or parameters, where credentials may be. */
    public static String redacted(String jdbcUrl) {
        return Dialect.redacted(jdbcUrl);
    }

    /** The loopback port an embedded store is served on to the operator's commands, or -1 (docs/operations). */
    public int servedPort() {
        return database.servedPort();
    }

    @Override
    public void close() {
        if (checkpointWorker != null) {
            checkpointWorker.close();
        }
        database.close();
    }
}
