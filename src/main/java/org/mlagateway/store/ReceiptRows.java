package org.mlagateway.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Inserts into receipts: ISSUED by us for incoming messages, RECEIVED from partners for outgoing. */
final class ReceiptRows {
    private static final String INSERT = "INSERT INTO receipts (message_pk, direction, receipt_xml, status, log_seq,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?)";

    private ReceiptRows() {}

    static void insert(Tx tx, long messagePk, String direction, byte[] xml, String status, Long logSeq)
            throws SQLException {
        try (PreparedStatement ps = tx.connection.prepareStatement(INSERT)) {
            ps.setLong(1, messagePk);
            ps.setString(2, direction);
            ps.setBytes(3, xml);
            ps.setString(4, status);
            Rows.bind(ps, 5, logSeq);
            Rows.setTime(ps, 6, tx.now);
            ps.executeUpdate();
        }
    }
}
