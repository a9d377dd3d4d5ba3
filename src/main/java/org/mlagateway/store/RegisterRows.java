package org.mlagateway.store;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The register's rows ({@code register_*}, V10). Writes first lock {@code register_lock}, so that the feed
 * and confirmations on every node add to one entry per person, state, case and basis; the person is
 * sealed at rest under the binding {@code register/<entry_id>/person}.
 */
final class RegisterRows implements RegisterStore {
    private static final String ENTRY_COLUMNS =
            "pk, entry_id, state, basis, case_ref, person, sealed, created_at, updated_at FROM register_entries";
    private static final String SOURCES = "SELECT s.entry_pk, s.source_ref, s.message_pk, m.message_id, s.event,"
            + " s.event_date, s.added_at FROM register_sources s LEFT JOIN messages m ON m.pk = s.message_pk";

    private final TxRunner runner;

    RegisterRows(TxRunner runner) {
        this.runner = runner;
    }

    @Override
    public List<Long> unfedRegisterMessages(Set<String> kinds, int max) {
        if (kinds.isEmpty() || max < 1) {
            return List.of();
        }
        String marks = String.join(",", kinds.stream().map(k -> "?").toList());
        String sql = "SELECT m.pk FROM messages m WHERE m.kind IN (" + marks + ") AND NOT EXISTS"
                + " (SELECT 1 FROM register_fed f WHERE f.message_pk = m.pk) ORDER BY m.pk LIMIT " + max;
        return runner.read("find messages for the register", tx -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
                int i = 1;
                for (String kind : kinds.stream().sorted().toList()) {
                    ps.setString(i++, kind);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void feedRegister(long messagePk, List<RegisterRecord> records, PersonMerge merge) {
        runner.sealing().prepare();
        runner.inTx("feed the register from message " + messagePk, tx -> {
            lock(tx);
            if (exists(tx, "SELECT 1 FROM register_fed WHERE message_pk = ?", messagePk)) {
                return null;
            }
            update(tx, "INSERT INTO register_fed (message_pk, fed_at) VALUES (?, ?)", messagePk, tx.now);
            for (RegisterRecord r : records) {
                long entry = entryFor(tx, r, merge);
                addSource(tx, entry, "message:" + messagePk, messagePk, r);
            }
            return null;
        });
    }

    @Override
    public Confirmed confirmRegister(
            RegisterRecord record, String client, String key, byte[] requestDigest, PersonMerge merge) {
        Check.text("client", client, 128);
        Check.text("idempotencyKey", key, 128);
        String digest = Rows.hex(Check.sha256("requestDigest", requestDigest));
        runner.sealing().prepare();
        return runner.inTx("confirm a register entry", tx -> {
            lock(tx);
            Optional<Confirmed> first = firstConfirmation(tx, client, key, digest);
            if (first.isPresent()) {
                return first.get();
            }
            long entry = entryFor(tx, record, merge);
            long pk;
            try (PreparedStatement ps = tx.connection.prepareStatement(
                    "INSERT INTO register_confirmations (client, idem_key, request_sha256, entry_pk, created_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    new String[] {"pk"})) {
                ps.setString(1, client);
                ps.setString(2, key);
                ps.setString(3, digest);
                ps.setLong(4, entry);
                Rows.setTime(ps, 5, tx.now);
                pk = Rows.insertReturningKey(ps);
            }
            addSource(tx, entry, "confirmation:" + pk, null, record);
            return new Confirmed(entryId(tx, entry), false);
        });
    }

    private static Optional<Confirmed> firstConfirmation(Tx tx, String client, String key, String digest)
            throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement("SELECT c.request_sha256, e.entry_id FROM"
                + " register_confirmations c JOIN register_entries e ON e.pk = c.entry_pk"
                + " WHERE c.client = ? AND c.idem_key = ?")) {
            ps.setString(1, client);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!rs.getString(1).equals(digest)) {
                    throw new GatewayException(
                            ErrorCode.IDEMPOTENCY_KEY_REUSED,
                            "idempotency key of client " + client + " was used for a different confirmation");
                }
                return Optional.of(new Confirmed(rs.getString(2), true));
            }
        }
    }

    /** The entry of the record's person, state, case and basis, made when there is none; its person merged. */
    private static long entryFor(Tx tx, RegisterRecord r, PersonMerge merge) throws SQLException {
        for (RegisterEntry e : entries(
                tx, " WHERE state = ? AND case_ref = ? AND basis = ? ORDER BY pk", r.state(), r.caseRef(), r.basis())) {
            byte[] merged = merge.merge(e.person(), r.person());
            if (merged != null) {
                if (!Arrays.equals(merged, e.person())) {
                    writePerson(tx, e.pk(), e.entryId(), merged);
                }
                return e.pk();
            }
        }
        String id = UUID.randomUUID().toString();
        try (PreparedStatement ps = tx.connection.prepareStatement(
                "INSERT INTO register_entries (entry_id, state, basis, case_ref, person, sealed, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"pk"})) {
            ps.setString(1, id);
            ps.setString(2, r.state());
            ps.setString(3, r.basis());
            ps.setString(4, r.caseRef());
            tx.sealing.bind(ps, 5, binding(id), r.person());
            ps.setBoolean(6, tx.sealing.on());
            Rows.setTime(ps, 7, tx.now);
            Rows.setTime(ps, 8, tx.now);
            return Rows.insertReturningKey(ps);
        }
    }

    private static void writePerson(Tx tx, long pk, String entryId, byte[] person) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(
                "UPDATE register_entries SET person = ?, sealed = ?, updated_at = ? WHERE pk = ?")) {
            tx.sealing.bind(ps, 1, binding(entryId), person);
            ps.setBoolean(2, tx.sealing.on());
            Rows.setTime(ps, 3, tx.now);
            ps.setLong(4, pk);
            ps.executeUpdate();
        }
    }

    private static void addSource(Tx tx, long entry, String ref, Long messagePk, RegisterRecord r) throws SQLException {
        if (exists(tx, "SELECT 1 FROM register_sources WHERE entry_pk = ? AND source_ref = ?", entry, ref)) {
            return;
        }
        try (PreparedStatement ps = tx.connection.prepareStatement(
                "INSERT INTO register_sources (entry_pk, source_ref, message_pk, event, event_date, added_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, entry);
            ps.setString(2, ref);
            if (messagePk == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, messagePk);
            }
            ps.setString(4, r.event());
            if (r.date() == null) {
                ps.setNull(5, Types.DATE);
            } else {
                ps.setDate(5, Date.valueOf(r.date()));
            }
            Rows.setTime(ps, 6, tx.now);
            ps.executeUpdate();
        }
        update(tx, "UPDATE register_entries SET updated_at = ? WHERE pk = ?", tx.now, entry);
    }

    @Override
    public List<RegisterEntry> registerPage(long afterPk, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return runner.read(
                "read the register",
                tx -> withSources(tx, entries(tx, " WHERE pk > ? ORDER BY pk LIMIT " + limit, afterPk)));
    }

    @Override
    public Optional<RegisterEntry> registerEntry(String entryId) {
        return runner.read(
                "read a register entry", tx -> withSources(tx, entries(tx, " WHERE entry_id = ?", entryId)).stream()
                        .findFirst());
    }

    private static List<RegisterEntry> entries(Tx tx, String where, Object... params) throws SQLException {
        List<RegisterEntry> out = new ArrayList<>();
        try (PreparedStatement ps = tx.connection.prepareStatement("SELECT " + ENTRY_COLUMNS + where)) {
            for (int i = 0; i < params.length; i++) {
                Rows.bind(ps, i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("entry_id");
                    out.add(new RegisterEntry(
                            rs.getLong("pk"),
                            id,
                            rs.getString("state"),
                            rs.getString("basis"),
                            rs.getString("case_ref"),
                            tx.sealing.read(rs, "person", rs.getBoolean("sealed"), binding(id)),
                            Rows.time(rs, "created_at"),
                            Rows.time(rs, "updated_at"),
                            List.of()));
                }
            }
        }
        return out;
    }

    private static List<RegisterEntry> withSources(Tx tx, List<RegisterEntry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return entries;
        }
        Map<Long, List<RegisterSource>> sources = new LinkedHashMap<>();
        String marks = String.join(",", entries.stream().map(e -> "?").toList());
        try (PreparedStatement ps =
                tx.connection.prepareStatement(SOURCES + " WHERE s.entry_pk IN (" + marks + ") ORDER BY s.pk")) {
            for (int i = 0; i < entries.size(); i++) {
                ps.setLong(i + 1, entries.get(i).pk());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date date = rs.getDate("event_date");
                    sources.computeIfAbsent(rs.getLong("entry_pk"), k -> new ArrayList<>())
                            .add(new RegisterSource(
                                    rs.getString("source_ref"),
                                    Rows.nullableLong(rs, "message_pk"),
                                    rs.getString("message_id"),
                                    rs.getString("event"),
                                    date == null ? null : date.toLocalDate(),
                                    Rows.time(rs, "added_at")));
                }
            }
        }
        return entries.stream()
                .map(e -> new RegisterEntry(
                        e.pk(),
                        e.entryId(),
                        e.state(),
                        e.basis(),
                        e.caseRef(),
                        e.person(),
                        e.createdAt(),
                        e.updatedAt(),
                        sources.getOrDefault(e.pk(), List.of())))
                .toList();
    }

    private static String entryId(Tx tx, long pk) throws SQLException {
        try (PreparedStatement ps =
                tx.connection.prepareStatement("SELECT entry_id FROM register_entries WHERE pk = ?")) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static String binding(String entryId) {
        return "register/" + entryId + "/person";
    }

    private static void lock(Tx tx) throws SQLException {
        try (PreparedStatement ps =
                        tx.connection.prepareStatement("SELECT id FROM register_lock WHERE id = 1 FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
        }
    }

    private static boolean exists(Tx tx, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Rows.bind(ps, i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void update(Tx tx, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Rows.bind(ps, i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
