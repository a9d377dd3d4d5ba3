package org.mlagateway.store;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of replaying the message log into the state it explains and comparing that with the
 * tables ({@link StateCrossCheck}).
 *
 * @param queueItems   queue items the log describes and that were compared
 * @param messages     messages the log describes and that were compared
 * @param receipts     receipt rows compared
 * @param notDerivable log entries about state that say too little to derive it (entries written before
 *                     the log recorded it, or synthetic entries): counted, not judged
 * @param findingCount every finding, also those beyond {@code findings}
 * @param findings     the first findings, in the order found (at most {@link StateCrossCheck#MAX_FINDINGS})
 */
public record StateReport(
        long queueItems,
        long messages,
        long receipts,
        long notDerivable,
        long findingCount,
        List<StateFinding> findings) {

    public StateReport {
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    }

    public boolean ok() {
        return findingCount == 0;
    }
}
