package org.mlagateway.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mlagateway.store.CrossCheckModel.Findings;
import org.mlagateway.store.CrossCheckModel.Identity;
import org.mlagateway.store.CrossCheckModel.Ids;
import org.mlagateway.store.CrossCheckModel.Item;
import org.mlagateway.store.CrossCheckModel.Msg;
import org.mlagateway.store.CrossCheckModel.Receipt;

/**
 * The table half of the state cross-check: compares batches of messages (with their receipts) and
 * queue items, as the log replay ({@link StateCrossCheck}) derived them, with their rows, by primary
 * key, and finally scans the tables for rows no log entry created. Reads on the replay's snapshot
 * connection; counts what it compared.
 */
final class StateTables {
    private static final String MESSAGES =
            "SELECT pk, direction, partner, message_id, status FROM messages" + " WHERE pk IN (%s)";
    private static final String RECEIPTS = "SELECT pk, message_pk, direction, status, log_seq, receipt_xml"
            + " FROM receipts WHERE message_pk IN (%s)";
    private static final String ITEMS = "SELECT q.id, q.queue_name, q.target, q.state, q.lease_owner, m.direction,"
            + " m.partner, m.message_id FROM queue_items q LEFT JOIN messages m ON m.pk = q.message_pk"
            + " WHERE q.id IN (%s)";

    private final Connection c;
    private final Findings findings;
    long items;
    long messages;
    long receipts;

    StateTables(Connection c, Findings findings) {
        this.c = c;
        this.findings = findings;
    }

    void compareMessages(List<Msg> batch) throws SQLException {
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
                Identity inTable = new Identity(Direction.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));
                if (!inTable.equals(m.identity)) {
                    findings.add(StateFinding.mismatch("messages", key, "message", m.identity, inTable));
                }
                if (m.status != null && !m.status.dbName().equals(rs.getString(5))) {
                    findings.add(StateFinding.mismatch("messages", key, "status", m.status, rs.getString(5)));
                }
            }
        }
        for (Msg m : batch) {
            if (!found.contains(m.pk)) {
                findings.add(StateFinding.missing("messages", "pk=" + m.pk));
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
                        findings.add(StateFinding.unlogged("receipts", key));
                    }
                    continue;
                }
                Receipt r =
                        hasSeq && m.receipts.stream().anyMatch(x -> x.seq() == logSeq) ? expected.remove(logSeq) : null;
                if (r == null) {
                    findings.add(StateFinding.unlogged("receipts", key));
                    continue;
                }
                if (r.status() != null && !r.status().equals(rs.getString(4))) {
                    findings.add(StateFinding.mismatch("receipts", key, "status", r.status(), rs.getString(4)));
                }
                if (r.sha256() != null) {
                    String digest = LogHash.sha256Hex(rs.getBytes(6));
                    if (!r.sha256().equals(digest)) {
                        findings.add(StateFinding.mismatch("receipts", key, "receipt_xml sha256", r.sha256(), digest));
                    }
                }
            }
        }
        for (Receipt r : expected.values()) {
            findings.add(StateFinding.missing("receipts", "log_seq=" + r.seq()));
        }
    }

    void compareItems(List<Item> batch) throws SQLException {
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
                    findings.add(StateFinding.mismatch("queue_items", key, "message", i.message, message));
                }
            }
        }
        for (Item i : batch) {
            if (!found.contains(i.id)) {
                findings.add(StateFinding.missing("queue_items", "id=" + i.id));
            }
        }
    }

    private void field(String key, String name, String log, String table) {
        if (!Objects.equals(log, table)) {
            findings.add(StateFinding.mismatch("queue_items", key, name, log, table));
        }
    }

    /** Rows whose id no creating entry named: {@code loggedItems} and {@code loggedMessages} hold those named. */
    void unloggedRows(Ids loggedItems, Ids loggedMessages) throws SQLException {
        scan("SELECT id, id FROM queue_items ORDER BY id", loggedItems, "queue_items", "id=");
        scan("SELECT pk, pk FROM messages ORDER BY pk", loggedMessages, "messages", "pk=");
        scan("SELECT pk, message_pk FROM receipts ORDER BY pk", loggedMessages, "receipts", "pk=");
    }

    private void scan(String sql, Ids logged, String table, String prefix) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(StateCrossCheck.PAGE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!logged.contains(rs.getLong(2))) {
                        findings.add(StateFinding.unlogged(table, prefix + rs.getLong(1)));
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
}
