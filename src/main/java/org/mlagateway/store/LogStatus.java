package org.mlagateway.store;

import java.time.Instant;

/**
 * Where the message log stands: the seq of its last entry, and its newest signed checkpoint
 * ({@code checkpointSeq} and {@code checkpointAt} are null when none has been written).
 */
public record LogStatus(long headSeq, Long checkpointSeq, Instant checkpointAt) {}
