package org.mlagateway.store;

/** How many items one queue holds for one target in one state. */
public record QueueDepth(Queue queue, String target, QueueItem.State state, long count) {}
