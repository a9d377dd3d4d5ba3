package org.mlagateway.store;

import java.time.Duration;
import java.util.List;

/**
 * Overviews for operators, health checks, metrics and reports: queue depths and states, stuck
 * leases, the statistics rows, and a ping of the database. {@link Store} implements it.
 */
public interface OperatorReads {
    /** Open items per queue, target and state (the metrics gauge). */
    List<QueueDepth> queueDepths();

    /** Items per queue, target and state, with the oldest open item's age. */
    List<QueueOverview> queueOverview();

    /** Leased items whose lease ran out or that were claimed more than {@code heldTooLong} ago, oldest first. */
    List<StuckLease> stuckLeases(Duration heldTooLong);

    /** The requests of a period and their replies, as of the query's cut-off (the statistics report). */
    StatisticsRows.Data statistics(StatisticsRows.Query query);

    /**
     * Runs a trivial query on a pooled connection, for health checks; fails with
     * {@link StoreException} when the database does not answer within {@code timeout} (whole
     * seconds, at least one, as JDBC counts them) or cannot be reached.
     */
    void ping(Duration timeout);
}
