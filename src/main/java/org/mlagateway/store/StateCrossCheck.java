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
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    private static final String MESSAGES =
            "SELECT pk, direction, partner, message_id, status FROM messages" + " WHERE pk IN (%s)";
    private static final String RECEIPTS = "SELECT pk, message_pk, direction, status, log_seq, receipt_xml"
            + " FROM receipts WHERE message_pk IN (%s)";
    private static final String ITEMS = "SELECT q.id, q.queue_name, q.target, q.state, q.lease_owner, m.direction,"
            + " m.partner, m.message_id FROM queue_items q LEFT JOIN messages m ON m.pk = q.message_pk"
            + " WHERE q.id IN (%s)";

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

    /** Which stored message: direction, partner and message id, as the log's hashed fields name it. */
    private record Identity(Direction direction, String partner, String messageId) {
        @Override
        public String toString() {
            return direction + " " + partner + " " + messageId;
        }
    }

    /** A message as the log describes it. {@code status} is null when the log does not give it. */
    private static final class Msg {
        final long pk;
        final Identity identity;
        final long receivedSeq;
        final List<Receipt> receipts = new ArrayList<>(1);
        MessageStatus status;

        Msg(long pk, Identity identity, MessageStatus status, long receivedSeq) {
            this.pk = pk;
            this.identity = identity;
            this.status = status;
            this.receivedSeq = receivedSeq;
        }
    }

    /** A receipt the log recorded as received: its entry, status and, in newer entries, digest. */
    private record Receipt(long seq, String status, String sha256) {}

    /** A queue item as the log describes it. */
    private static final class Item {
        final long id;
        final Identity message;
        Queue queue;
        String target;
        QueueItem.State state = QueueItem.State.READY;
        String leaseOwner;

        Item(long id, Identity message, Queue queue, String target) {
            this.id = id;
            this.message = message;
            this.queue = queue;
            this.target = target;
        }
    }

    /** A set of non-negative ids, one bit each. */
    private static final class Ids {
        private final BitSet bits = new BitSet();
        private final Set<Long> large = new HashSet<>();

        void add(long id) {
            if (id >= 0 && id <= Integer.MAX_VALUE) {
                bits.set((int) id);
            } else {
                large.add(id);
            }
        }

        boolean contains(long id) {
            return id >= 0 && id <= Integer.MAX_VALUE ? bits.get((int) id) : large.contains(id);
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
        private final List<StateFinding> findings = new ArrayList<>();
        private Msg lastReceived;
        private long items;
        private long messages;
        private long receipts;
        private long notDerivable;
        private long findingCount;

        Replay(Connection c, ProgressListener progress) {
            this.c = c;
            this.progress = progress;
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
            unloggedRows();
            return new StateReport(items, messages, receipts, notDerivable, findingCount, findings);
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
                List<Msg> batch = take(closedMessages);
                compareMessages(batch);
            }
            while (closedItems.size() >= BATCH || all && !closedItems.isEmpty()) {
                compareItems(take(closedItems));
            }
        }

        private static <T> List<T> take(List<T> from) {
            List<T> batch = new ArrayList<>(from.subList(0, Math.min(BATCH, from.size())));
            from.subList(0, batch.size()).clear();
            return batch;
        }

        private void compareMessages(List<Msg> batch) throws SQLException {
            Map<Long, Msg> byPk = new HashMap<>();
            batch.forEach(m -> byPk.put(m.pk, m));
            Set<Long> found = new HashSet<>();
            try (PreparedStatement ps = inList(MESSAGES, byPk.keySet());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Msg m = byPk.get(rs.getLong(1));
                    found.add(m.pk);
                    messages++;
                    String key = "pk=" + m.pk;
                    Identity inTable =
                            new Identity(Direction.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));
                    if (!inTable.equals(m.identity)) {
                        finding(StateFinding.mismatch("messages", key, "message", m.identity, inTable));
                    }
                    if (m.status != null && !m.status.dbName().equals(rs.getString(5))) {
                        finding(StateFinding.mismatch("messages", key, "status", m.status, rs.getString(5)));
                    }
                }
            }
            for (Msg m : batch) {
                if (!found.contains(m.pk)) {
                    finding(StateFinding.missing("messages", "pk=" + m.pk));
                }
            }
            compareReceipts(byPk);
        }

        private void compareReceipts(Map<Long, Msg> byPk) throws SQLException {
            Map<Long, Receipt> expected = new HashMap<>();
            byPk.values().forEach(m -> m.receipts.forEach(r -> expected.put(r.seq(), r)));
            try (PreparedStatement ps = inList(RECEIPTS, byPk.keySet());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    receipts++;
                    Msg m = byPk.get(rs.getLong(2));
                    String key = "pk=" + rs.getLong(1);
                    long logSeq = rs.getLong(5);
                    boolean hasSeq = !rs.wasNull();
                    String direction = rs.getString(3);
                    if ("ISSUED".equals(direction)) {
                        if (!hasSeq || m.receivedSeq == 0 || logSeq != m.receivedSeq) {
                            finding(StateFinding.unlogged("receipts", key));
                        }
                        continue;
                    }
                    Receipt r = hasSeq && m.receipts.stream().anyMatch(x -> x.seq() == logSeq)
                            ? expected.remove(logSeq)
                            : null;
                    if (r == null) {
                        finding(StateFinding.unlogged("receipts", key));
                        continue;
                    }
                    if (r.status() != null && !r.status().equals(rs.getString(4))) {
                        finding(StateFinding.mismatch("receipts", key, "status", r.status(), rs.getString(4)));
                    }
                    if (r.sha256() != null) {
                        String digest = LogHash.sha256Hex(rs.getBytes(6));
                        if (!r.sha256().equals(digest)) {
                            finding(StateFinding.mismatch("receipts", key, "receipt_xml sha256", r.sha256(), digest));
                        }
                    }
                }
            }
            for (Receipt r : expected.values()) {
                finding(StateFinding.missing("receipts", "log_seq=" + r.seq()));
            }
        }

        private void compareItems(List<Item> batch) throws SQLException {
            Map<Long, Item> byId = new HashMap<>();
            batch.forEach(i -> byId.put(i.id, i));
            Set<Long> found = new HashSet<>();
            try (PreparedStatement ps = inList(ITEMS, byId.keySet());
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Item i = byId.get(rs.getLong(1));
                    found.add(i.id);
                    items++;
                    String key = "id=" + i.id;
                    field(key, "queue", i.queue.dbName(), rs.getString(2));
                    field(key, "target", i.target, rs.getString(3));
                    field(key, "state", i.state.name(), rs.getString(4));
                    field(key, "lease_owner", i.leaseOwner, rs.getString(5));
                    String direction = rs.getString(6);
                    Identity message = direction == null
                            ? null
                            : new Identity(Direction.valueOf(direction), rs.getString(7), rs.getString(8));
                    if (!i.message.equals(message)) {
                        finding(StateFinding.mismatch("queue_items", key, "message", i.message, message));
                    }
                }
            }
            for (Item i : batch) {
                if (!found.contains(i.id)) {
                    finding(StateFinding.missing("queue_items", "id=" + i.id));
                }
            }
        }

        private void field(String key, String name, String log, String table) {
            if (!Objects.equals(log, table)) {
                finding(StateFinding.mismatch("queue_items", key, name, log, table));
            }
        }

        /** Rows whose id no creating entry named. */
        private void unloggedRows() throws SQLException {
            scan("SELECT id, id FROM queue_items ORDER BY id", loggedItems, "queue_items", "id=");
            scan("SELECT pk, pk FROM messages ORDER BY pk", loggedMessages, "messages", "pk=");
            scan("SELECT pk, message_pk FROM receipts ORDER BY pk", loggedMessages, "receipts", "pk=");
        }

        private void scan(String sql, Ids logged, String table, String prefix) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(PAGE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!logged.contains(rs.getLong(2))) {
                            finding(StateFinding.unlogged(table, prefix + rs.getLong(1)));
                        }
                    }
                }
            }
        }

        private PreparedStatement inList(String sql, Collection<Long> ids) throws SQLException {
            PreparedStatement ps =
                    c.prepareStatement(String.format(sql, String.join(",", Collections.nCopies(ids.size(), "?"))));
            int i = 1;
            for (long id : ids) {
                ps.setLong(i++, id);
            }
            return ps;
        }

        private void finding(StateFinding f) {
            findingCount++;
            if (findings.size() < MAX_FINDINGS) {
                findings.add(f);
            }
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
