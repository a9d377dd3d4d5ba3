package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What H2 2.5 (PostgreSQL mode) does with {@code FOR UPDATE SKIP LOCKED}, on plain connections: a
 * second transaction never waits for and never gets the rows the first holds. Unlike PostgreSQL,
 * when the query sorts, H2 applies the LIMIT before skipping, so the second claimer may get fewer
 * rows (here none) although others are free. The store does not depend on this: on H2 it runs its
 * write transactions one at a time (see Dialect), so its claims never overlap.
 */
class H2SkipLockedTest {
    private static final String SORTED = "SELECT id FROM queue_items WHERE state = 'READY'"
            + " ORDER BY priority DESC, available_at, id LIMIT 2 FOR UPDATE SKIP LOCKED";
    private static final String IN_KEY_ORDER =
            "SELECT id FROM queue_items WHERE state = 'READY'" + " ORDER BY id LIMIT 2 FOR UPDATE SKIP LOCKED";

    @TempDir
    Path dir;

    @Test
    void inKeyOrder_aSecondClaimer_getsTheNextFreeRows_withoutWaiting() throws Exception {
        assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L)), claimTwice(IN_KEY_ORDER));
    }

    @Test
    void sorted_aSecondClaimer_skipsTheHeldRows_withoutWaiting_butGetsNoOthers() throws Exception {
        assertEquals(List.of(List.of(1L, 2L), List.of()), claimTwice(SORTED));
    }

    private List<List<Long>> claimTwice(String sql) throws Exception {
        TestDatabase db = TestDatabase.h2(dir);
        try (Store store = Store.open(db.config(), Clock.systemUTC())) {
            for (int i = 0; i < 5; i++) {
                store.accept(Samples.incoming(Samples.newId()));
            }
            try (Connection first = db.connect();
                    Connection second = db.connect()) {
                first.setAutoCommit(false);
                second.setAutoCommit(false);
                List<Long> held = ids(first, sql);
                List<Long> skipped =
                        CompletableFuture.supplyAsync(() -> ids(second, sql)).get(5, TimeUnit.SECONDS);
                first.commit();
                second.commit();
                return List.of(held, skipped);
            }
        }
    }

    private static List<Long> ids(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
