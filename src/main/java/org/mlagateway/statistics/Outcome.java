package org.mlagateway.statistics;

/**
 * Where a request stood at the report's cut-off, decided by the latest decisive reply
 * (docs/statistics.md). Exactly one applies to each request, so the outcomes of a row add up to
 * its number of requests.
 */
public enum Outcome {
    /** Executed in full or in part, or granted (extradition, transit, transfer, proceedings accepted). */
    GRANTED,
    /** Refused in total: a refusal with scope TOTAL, or a negative decision in an execution report. */
    REFUSED,
    /** Withdrawn in total by the requesting state. */
    WITHDRAWN,
    /** Reported as not executed (execution report with result NONE), without a refusal. */
    NOT_EXECUTED,
    /** No decisive reply yet. */
    PENDING
}
