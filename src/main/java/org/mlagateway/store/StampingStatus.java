package org.mlagateway.store;

import java.time.Instant;

/**
 * How the message log's checkpoints stand outside the commit path, as the checkpoint worker last saw
 * them (read without touching the database, so health and metrics never wait on it):
 * {@code unstamped} checkpoints wait for a time-stamp, the oldest signed at {@code oldestUnstampedAt};
 * the newest time-stamped one was signed at {@code newestStampedAt}; {@code anchorOk} is false while
 * a line could not be written to an anchor file. Times are null when there is no such checkpoint.
 */
public record StampingStatus(
        boolean checkpointing,
        boolean timeStamping,
        boolean anchoring,
        long unstamped,
        Instant oldestUnstampedAt,
        Instant newestStampedAt,
        boolean anchorOk) {
    /** A store that writes no checkpoints. */
    public static final StampingStatus OFF = new StampingStatus(false, false, false, 0, null, null, true);
}
