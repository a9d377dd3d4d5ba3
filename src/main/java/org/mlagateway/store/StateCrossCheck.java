package org.mlagateway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mlagateway.store.CrossCheckModel.Findings;
import org.mlagateway.store.CrossCheckModel.Identity;
import org.mlagateway.store.CrossCheckModel.Ids;
import org.mlagateway.store.CrossCheckModel.Item;
import org.mlagateway.store.CrossCheckModel.Msg;
import org.mlagateway.store.CrossCheckModel.Receipt;

/**
 * Replays the message log into the state it explains, and compares that with the tables: for each
 * queue item its queue, target, state, lease holder and message; for each message its identity and
 * status; for each message the receipt rows the log records ({@code receipt-received}, with the
 * receipt's digest where the entry carries it) or allows (an issued receipt naming the message's
 * {@code received} entry). A row no log entry created is {@code UNLOGGED_ROW}; a row the log
 * created that is absent, {@code MISSING_ROW}; a column that differs, {@code STATE_MISMATCH}.
 *
 * <p>One streaming pass over the log, in seq order, in one snapshot transaction, so that the log and
 * the tables are read as of one moment. Memory stays bounded: an item is held only while the
 * log leaves it open (until {@code acked}), a message only while it can still change (an incoming
 * one not at all, an outgoing one until its receipt arrives); closed ones are compared in batches
 * by primary key. What was created is remembered in bit sets (one bit per id), so that the final
 * scans of the tables can name rows with no log origin.
 *
 * <p>Entries that say too little (written before the log recorded what is needed, or about
 * something never stored) are counted as not derivable and not judged. The identity fields hashed
 * into each entry are what counts; {@code message_log.message_pk}, which is not hashed, is used only
 * as a lookup hint for the message an entry created, and a wrong hint shows up as a mismatch.
 *
 * <p>This class is the log replay; {@link StateTables} compares what it derives with the tables, and
 * {@link CrossCheckModel} holds the values they share.
 */
final class StateCrossCheck {
    static final int MAX_FINDINGS = 100;
    static final int PAGE = 10_000;
    static final int BATCH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOG_PAGE = "SELECT seq, event, message_id, actor, details, message_pk"
            + " FROM message_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?";
    private static final String MESSAGE_BY_IDENTITY =
            "SELECT pk FROM messages WHERE direction = ? AND partner = ?" + " AND message_id = ?";

    private final Database database;

    StateCrossCheck(Database database) {
        this.database = database;
    }

    StateReport run(ProgressListener progress) {
        try (Connection c = database.connection("cross-check state against the message log")) {
            snapshot(c);
            try {
                StateReport report = new Replay(c, progress).run();
                c.commit();
                return report;
            } finally {
                c.rollback();
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "cross-check state against the message log failed (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * Reads in one snapshot from the first statement on: PostgreSQL's repeatable read is one; H2's
     * repeatable read would let rows committed meanwhile appear, its snapshot level does not.
     */
    private static void snapshot(Connection c) throws SQLException {
        if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
        } else {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
    }

    private final class Replay {
        private final Connection c;
        private final ProgressListener progress;
        private final Map<Long, Msg> openMessages = new HashMap<>();
        private final Map<Identity, Msg> openByIdentity = new HashMap<>();
        private final Map<Long, Item> openItems = new HashMap<>();
        private final List<Msg> closedMessages = new ArrayList<>();
        private final List<Item> closedItems = new ArrayList<>();
        private final Ids loggedMessages = new Ids();
        private final Ids loggedItems = new Ids();
        private final Findings findings = new Findings();
        private final StateTables tables;
        private Msg lastReceived;
        private long notDerivable;

        Replay(Connection c, ProgressListener progress) {
            this.c = c;
            this.progress = progress;
            this.tables = new StateTables(c, findings);
        }

        StateReport run() throws SQLException {
            long end = LogRows.head(c).seq();
            long last = 0;
            long seen = 0;
            while (last < end) {
                int read = 0;
                try (PreparedStatement ps = c.prepareStatement(LOG_PAGE)) {
                    ps.setLong(1, last);
                    ps.setLong(2, end);
                    ps.setInt(3, PAGE);
                    ps.setFetchSize(PAGE);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long seq = rs.getLong(1);
                            long hint = rs.getLong(6);
                            apply(
                                    seq,
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.wasNull() ? null : hint);
                            last = seq;
                            read++;
                        }
                    }
                }
                if (read == 0) {
                    break;
                }
                seen += read;
                flush(false);
                progress.progress(seen, last, end);
            }
            closedItems.addAll(openItems.values());
            openItems.clear();
            closedMessages.addAll(openMessages.values());
            openMessages.clear();
            flush(true);
            tables.unloggedRows(loggedItems, loggedMessages);
            return new StateReport(
                    tables.items, tables.messages, tables.receipts, notDerivable, findings.count, findings.kept);
        }

        private void apply(long seq, String event, String messageId, String actor, String details, Long hint)
                throws SQLException {
            switch (event) {
                case "received" -> received(seq, messageId, details(details), hint);
                case "routed" -> routed(messageId, details(details));
                case "queued-for-send" -> queuedForSend(seq, messageId, details(details), hint);
                case "claimed" ->
                    withItem(details(details), item -> {
                        item.state = QueueItem.State.LEASED;
                        item.leaseOwner = actor;
                    });
                case "acked" ->
                    withItem(details(details), item -> {
                        item.state = QueueItem.State.DONE;
                        item.leaseOwner = actor;
                        openItems.remove(item.id);
                        closedItems.add(item);
                    });
                case "nacked", "released" ->
                    withItem(details(details), item -> {
                        item.state = QueueItem.State.READY;
                        item.leaseOwner = null;
                    });
                case "requeued" -> requeued(messageId, details(details));
                case "attempt-failed" -> outgoingStatus(messageId, details(details), MessageStatus.RETRYING);
                case "delivered" -> outgoingStatus(messageId, details(details), MessageStatus.DELIVERED);
                case "failed" -> outgoingStatus(messageId, details(details), MessageStatus.FAILED);
                case "receipt-received" -> receiptReceived(seq, messageId, actor, details(details));
                default -> {
                    // not about queue, status or receipt state
                }
            }
        }

        private void received(long seq, String messageId, JsonNode d, Long hint) throws SQLException {
            lastReceived = null;
            String partner = text(d, "partner");
            if (messageId == null || partner == null || !Direction.IN.name().equals(text(d, "direction"))) {
                notDerivable++;
                return;
            }
            Identity identity = new Identity(Direction.IN, partner, messageId);
            Optional<Long> pk = messagePk(seq, identity, hint);
            if (pk.isEmpty()) {
                return;
            }
            Msg m = new Msg(pk.get(), identity, MessageStatus.RECEIVED, seq);
            loggedMessages.add(m.pk);
            closedMessages.add(m);
            lastReceived = m;
        }

        private void routed(String messageId, JsonNode d) {
            Identity message =
                    lastReceived != null && lastReceived.identity.messageId().equals(messageId)
                            ? lastReceived.identity
                            : null;
            createItem(message, d);
        }

        private void queuedForSend(long seq, String messageId, JsonNode d, Long hint) throws SQLException {
            String partner = text(d, "partner");
            if (messageId == null || partner == null) {
                notDerivable++;
                return;
            }
            Identity identity = new Identity(Direction.OUT, partner, messageId);
            Optional<Long> pk = messagePk(seq, identity, hint);
            if (pk.isPresent()) {
                Msg m = new Msg(pk.get(), identity, MessageStatus.QUEUED, 0);
                loggedMessages.add(m.pk);
                openMessages.put(m.pk, m);
                openByIdentity.put(identity, m);
            }
            createItem(identity, d);
        }

        /** An open item moved to another queue, or a FAILED message put back on the send queue as a new item. */
        private void requeued(String messageId, JsonNode d) {
            Long id = number(d, "item");
            Item open = id == null ? null : openItems.get(id);
            Optional<Queue> queue = Queue.named(String.valueOf(text(d, "queue")));
            String target = text(d, "target");
            if (open != null && queue.isPresent() && target != null) {
                open.queue = queue.get();
                open.target = target;
                open.state = QueueItem.State.READY;
                open.leaseOwner = null;
                return;
            }
            if (open == null && MessageStatus.FAILED.dbName().equals(text(d, "from")) && target != null) {
                Msg m = openByIdentity.get(new Identity(Direction.OUT, target, String.valueOf(messageId)));
                if (m != null) {
                    m.status = MessageStatus.QUEUED;
                    createItem(m.identity, d);
                    return;
                }
            }
            notDerivable++;
        }

        private void createItem(Identity message, JsonNode d) {
            Long id = number(d, "item");
            Optional<Queue> queue = Queue.named(String.valueOf(text(d, "queue")));
            String target = text(d, "target");
            if (message == null || id == null || queue.isEmpty() || target == null) {
                notDerivable++;
                return;
            }
            loggedItems.add(id);
            openItems.put(id, new Item(id, message, queue.get(), target));
        }

        private void withItem(JsonNode d, java.util.function.Consumer<Item> change) {
            Long id = number(d, "item");
            Item item = id == null ? null : openItems.get(id);
            if (item == null) {
                notDerivable++;
                return;
            }
            change.accept(item);
        }

        private void outgoingStatus(String messageId, JsonNode d, MessageStatus status) {
            Msg m = outgoing(messageId, text(d, "partner"));
            if (m == null) {
                notDerivable++;
                return;
            }
            m.status = status;
        }

        private void receiptReceived(long seq, String messageId, String partner, JsonNode d) {
            Msg m = outgoing(messageId, partner);
            if (m == null) {
                notDerivable++;
                return;
            }
            m.receipts.add(new Receipt(seq, text(d, "status"), text(d, "sha256")));
            openMessages.remove(m.pk);
            openByIdentity.remove(m.identity);
            closedMessages.add(m);
        }

        private Msg outgoing(String messageId, String partner) {
            return messageId == null || partner == null
                    ? null
                    : openByIdentity.get(new Identity(Direction.OUT, partner, messageId));
        }

        /**
         * The pk of the message a creating entry names: the hint the entry was stored with, or, for entries
         * written before there were hints, the row with that identity (absent: MISSING_ROW).
         */
        private Optional<Long> messagePk(long seq, Identity identity, Long hint) throws SQLException {
            if (hint != null) {
                return Optional.of(hint);
            }
            try (PreparedStatement ps = c.prepareStatement(MESSAGE_BY_IDENTITY)) {
                ps.setString(1, identity.direction().name());
                ps.setString(2, identity.partner());
                ps.setString(3, identity.messageId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(rs.getLong(1));
                    }
                }
            }
            finding(StateFinding.missing("messages", "log_seq=" + seq));
            return Optional.empty();
        }

        private void flush(boolean all) throws SQLException {
            while (closedMessages.size() >= BATCH || all && !closedMessages.isEmpty()) {
                tables.compareMessages(take(closedMessages));
            }
            while (closedItems.size() >= BATCH || all && !closedItems.isEmpty()) {
                tables.compareItems(take(closedItems));
            }
        }

        private static <T> List<T> take(List<T> from) {
            List<T> batch = new ArrayList<>(from.subList(0, Math.min(BATCH, from.size())));
            from.subList(0, batch.size()).clear();
            return batch;
        }

        private void finding(StateFinding f) {
            findings.add(f);
        }
    }

    private static JsonNode details(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long number(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v != null && v.canConvertToLong() && v.isIntegralNumber() ? v.asLong() : null;
    }
}
