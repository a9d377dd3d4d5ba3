package org.mlagateway.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * How the store's statements write and read the large values: through the {@link ContentSealer}
 * when the store is encrypted at rest, as they are otherwise. Each message row says whether its
 * values (and those of its documents) are sealed ({@code messages.sealed}); a clear row is read as
 * it is only while clear rows may legitimately exist, i.e. before the store was first sealed
 * whole ({@code at_rest.sealed_at}). After that a clear row is one that somebody put there.
 */
final class Sealing {
    static final Sealing NONE = new Sealing(null);

    private final ContentSealer sealer;
    /** Whether every row was sealed once; from then on a clear row is refused. */
    private volatile boolean sealedWhole;

    Sealing(ContentSealer sealer) {
        this.sealer = sealer;
    }

    boolean on() {
        return sealer != null;
    }

    void sealedWhole() {
        this.sealedWhole = true;
    }

    boolean isSealedWhole() {
        return sealedWhole;
    }

    void prepare() {
        if (sealer != null) {
            sealer.prepare();
        }
    }

    /** The binding of a message's column: the row's unique key (direction, partner, message id) and the column. */
    static String binding(Direction direction, String partner, String messageId, String column) {
        return "messages/" + direction.name() + "/" + partner + "/" + messageId + "/" + column;
    }

    /** The binding of a document's content: its message's key and the document id (unique per message). */
    static String documentBinding(Direction direction, String partner, String messageId, String documentId) {
        return "documents/" + direction.name() + "/" + partner + "/" + messageId + "/" + documentId + "/content";
    }

    /** Binds a large value, sealed when the store is encrypted at rest. */
    void bind(PreparedStatement ps, int index, String binding, byte[] value) throws SQLException {
        if (sealer == null) {
            Rows.setLarge(ps, index, value);
            return;
        }
        ps.setBinaryStream(
                index,
                sealer.seal(binding, new ByteArrayInputStream(value), value.length),
                sealer.sealedLength(value.length));
    }

    /** The sealed form of a stream of {@code length} bytes, or the stream itself when the store seals nothing. */
    InputStream sealStream(String binding, InputStream plain, long length) {
        return sealer == null ? plain : sealer.seal(binding, plain, length);
    }

    /** The plain value of a stream written by {@link #sealStream} with the same sealing state. */
    InputStream openStream(String binding, InputStream stored, boolean sealed) {
        return openStream(binding, stored, sealed, 0);
    }

    /**
     * As {@link #openStream(String, InputStream, boolean)}, from {@code offset} of the plain value;
     * a sealed value is entered at the segment that holds it ({@link ContentSealer#open(String,
     * InputStream, long)}), so a range near a document's end is not decrypted from its start.
     */
    InputStream openStream(String binding, InputStream stored, boolean sealed, long offset) {
        if (sealed && sealer != null) {
            return sealer.open(binding, stored, offset);
        }
        InputStream plain = openStreamWhole(binding, stored, sealed);
        try {
            plain.skipNBytes(offset);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("skip in stored value " + binding, e);
        }
        return plain;
    }

    private InputStream openStreamWhole(String binding, InputStream stored, boolean sealed) {
        if (!sealed) {
            if (sealer != null && sealedWhole) {
                throw new GatewayException(
                        ErrorCode.STORED_DATA_UNREADABLE,
                        "stored value " + binding + " is in clear in a store encrypted at rest");
            }
            return stored;
        }
        if (sealer == null) {
            throw new GatewayException(
                    ErrorCode.STORED_DATA_UNREADABLE,
                    "stored value " + binding
                            + " is encrypted at rest and no key-encryption key is configured (storage.kek)");
        }
        return sealer.open(binding, stored);
    }

    /** Reads a large value of a row whose {@code sealed} flag is given; null stays null. */
    byte[] read(ResultSet rs, String column, boolean sealed, String binding) throws SQLException {
        if (!sealed) {
            if (sealer != null && sealedWhole) {
                throw new GatewayException(
                        ErrorCode.STORED_DATA_UNREADABLE,
                        "stored value " + binding + " is in clear in a store encrypted at rest");
            }
            return rs.getBytes(column);
        }
        if (sealer == null) {
            throw new GatewayException(
                    ErrorCode.STORED_DATA_UNREADABLE,
                    "stored value " + binding
                            + " is encrypted at rest and no key-encryption key is configured (storage.kek)");
        }
        try (InputStream in = rs.getBinaryStream(column)) {
            if (in == null) {
                return null;
            }
            try (InputStream plain = sealer.open(binding, in)) {
                return plain.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("read stored value " + binding, e);
        }
    }
}
