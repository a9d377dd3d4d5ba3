package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** The {@code data_keys} and {@code at_rest} tables ({@link DataKeys}); each call is one transaction. */
final class DataKeyRows implements DataKeys {
    private static final String COLUMNS = "SELECT id, kek_alias, wrapped, created_at FROM data_keys";
    private static final String LOCK_STATE = "SELECT kek_alias FROM at_rest WHERE id = 1 FOR UPDATE";

    private final TxRunner runner;

    DataKeyRows(TxRunner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<String> currentKek() {
        return runner.read("read the current key-encryption key", tx -> Optional.ofNullable(state(tx, false)));
    }

    @Override
    public Optional<WrappedKey> find(long id) {
        return runner.read("read data key " + id, tx -> first(tx, COLUMNS + " WHERE id = ?", id));
    }

    @Override
    public Optional<WrappedKey> newest() {
        return runner.read("read the newest data key", tx -> {
            String kek = state(tx, false);
            return kek == null
                    ? Optional.<WrappedKey>empty()
                    : first(tx, COLUMNS + " WHERE kek_alias = ? ORDER BY id DESC LIMIT 1", kek);
        });
    }

    @Override
    public WrappedKey create(String initialKek, Function<String, byte[]> wrapUnder) {
        Objects.requireNonNull(initialKek, "initialKek");
        return runner.inTx("create a data key", tx -> {
            String kek = state(tx, true);
            if (kek == null) {
                kek = initialKek;
                setKek(tx, kek);
            }
            byte[] wrapped = wrapUnder.apply(kek);
            long id;
            try (PreparedStatement ps = tx.connection.prepareStatement(
                    "INSERT INTO data_keys (kek_alias, wrapped, created_at) VALUES (?, ?, ?)", new String[] {"id"})) {
                ps.setString(1, kek);
                ps.setBytes(2, wrapped);
                Rows.setTime(ps, 3, tx.now);
                id = Rows.insertReturningKey(ps);
            }
            return new WrappedKey(id, kek, wrapped, tx.now);
        });
    }

    @Override
    public int rotate(String newKek, Function<WrappedKey, byte[]> rewrap) {
        Check.text("newKek", newKek, 128);
        return runner.inTx("re-wrap the data keys", tx -> {
            state(tx, true);
            List<WrappedKey> keys = all(tx);
            try (PreparedStatement ps =
                    tx.connection.prepareStatement("UPDATE data_keys SET kek_alias = ?, wrapped = ? WHERE id = ?")) {
                for (WrappedKey k : keys) {
                    ps.setString(1, newKek);
                    ps.setBytes(2, rewrap.apply(k));
                    ps.setLong(3, k.id());
                    ps.addBatch();
                }
                if (!keys.isEmpty()) {
                    ps.executeBatch();
                }
            }
            setKek(tx, newKek);
            return keys.size();
        });
    }

    @Override
    public List<WrappedKey> all() {
        return runner.read("read the data keys", DataKeyRows::all);
    }

    private static List<WrappedKey> all(Tx tx) throws SQLException {
        List<WrappedKey> out = new ArrayList<>();
        try (PreparedStatement ps = tx.connection.prepareStatement(COLUMNS + " ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(key(rs));
            }
        }
        return out;
    }

    /** Whether every row was sealed once ({@code at_rest.sealed_at}). */
    static boolean sealedWhole(Tx tx) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement("SELECT sealed_at FROM at_rest WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getObject(1) != null;
        }
    }

    static void markSealedWhole(Tx tx) throws SQLException {
        try (PreparedStatement ps =
                tx.connection.prepareStatement("UPDATE at_rest SET sealed_at = ? WHERE id = 1 AND sealed_at IS NULL")) {
            Rows.setTime(ps, 1, tx.now);
            ps.executeUpdate();
        }
    }

    /** The current key-encryption key's alias, or null; {@code lock}: hold the row until commit. */
    static String state(Tx tx, boolean lock) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(
                        lock ? LOCK_STATE : "SELECT kek_alias FROM at_rest WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static void setKek(Tx tx, String kek) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement("UPDATE at_rest SET kek_alias = ? WHERE id = 1")) {
            ps.setString(1, kek);
            ps.executeUpdate();
        }
    }

    private static Optional<WrappedKey> first(Tx tx, String sql, Object param) throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(sql)) {
            Rows.bind(ps, 1, param);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    private static WrappedKey key(ResultSet rs) throws SQLException {
        return new WrappedKey(rs.getLong(1), rs.getString(2), rs.getBytes(3), Rows.time(rs, "created_at"));
    }
}
