package org.mlagateway.store;

/** Told how far a log verification has come, after each batch of entries. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (checked, lastSeq, endSeq) -> {};

    /** {@code checked} entries verified so far, the last being {@code lastSeq} of {@code endSeq}. */
    void progress(long checked, long lastSeq, long endSeq);
}
