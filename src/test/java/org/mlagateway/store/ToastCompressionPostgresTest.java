package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ToastCompressionPostgresTest {

    @BeforeAll
    static void notice() {
        TestDatabase.announcePostgres(ToastCompressionPostgresTest.class);
    }

    private static String show(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW default_toast_compression")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** What a plain session gets when it asks for LZ4: lz4 where the server has it, else its default. */
    private static String whatTheServerAllows(TestDatabase db) throws SQLException {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            try {
                s.execute("SET default_toast_compression = 'lz4'");
            } catch (SQLException e) {
                // No LZ4 in this build: the default stays.
            }
            return show(c);
        }
    }

    @Test
    void storeConnections_compressWithLz4WhereTheServerCan() throws SQLException {
        try (TestDatabase db = TestDatabase.postgres();
                Database database = Database.open(db.config(), Store.Access.OWN);
                Connection c = database.connection("test")) {
            assertEquals(whatTheServerAllows(db), show(c));
        }
    }

    @Test
    void theConnectionStatement_isHarmlessWhereTheMethodIsUnknown() throws SQLException {
        try (TestDatabase db = TestDatabase.postgres();
                Connection c = db.connect();
                Statement s = c.createStatement()) {
            String before = show(c);
            String unknown = Dialect.POSTGRESQL.connectionInitSql().replace("'lz4'", "'no-such-method'");
            assertDoesNotThrow(() -> s.execute(unknown));
            assertEquals(before, show(c));
        }
    }
}
