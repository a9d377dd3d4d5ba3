package org.mlagateway.store;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/** JDBC conversions shared by the store's statements. */
final class Rows {
    private Rows() {}

    static void setTime(PreparedStatement ps, int index, Instant time) throws SQLException {
        if (time == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }

    /** Binds a value: Instants as TIMESTAMP WITH TIME ZONE, byte arrays as large values, anything else as itself. */
    static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof Instant time) {
            setTime(ps, index, time);
        } else if (value instanceof byte[] bytes) {
            setLarge(ps, index, bytes);
        } else if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setObject(index, value);
        }
    }

    /**
     * Binds a large value as a stream of known length: H2 writes it into its BLOB storage in blocks
     * and PostgreSQL's driver sends it from the stream, so neither copies the whole array again.
     */
    static void setLarge(PreparedStatement ps, int index, byte[] value) throws SQLException {
        ps.setBinaryStream(index, new ByteArrayInputStream(value), value.length);
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** Executes an INSERT prepared with generated-key column names and returns the one key. */
    static long insertReturningKey(PreparedStatement ps) throws SQLException {
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key returned");
            }
            return keys.getLong(1);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
