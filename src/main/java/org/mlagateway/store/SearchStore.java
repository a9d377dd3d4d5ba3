package org.mlagateway.store;

import java.util.function.Function;
import org.mlagateway.message.MessageSummary;

/** The operator search over messages and rejected attempts, and its index. {@link Store} implements it. */
public interface SearchStore {
    /** One page of the message log: messages and rejected attempts matching every filter, newest first. */
    LogPage search(LogQuery query);

    /**
     * Indexes, for the operator search, the messages stored before the search existed; returns how
     * many. {@code summarize} reads a stored message XML; a message it cannot read is indexed by its ids.
     */
    int backfillSearch(Function<byte[], MessageSummary> summarize);
}
