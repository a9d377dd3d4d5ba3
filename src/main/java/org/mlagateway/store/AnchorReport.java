package org.mlagateway.store;

import java.util.List;
import java.util.Objects;

/**
 * The store compared with checkpoints kept outside it ({@link AnchorFile}): how many anchored
 * checkpoints were compared, the highest anchored seq, and what does not match.
 */
public record AnchorReport(int anchorsChecked, long highestAnchoredSeq, List<Problem> problems) {

    /** What an anchor can reveal. */
    public enum Kind {
        /** The store's log no longer reaches an anchored checkpoint: entries were cut off its end. */
        TRUNCATED,
        /** An anchored checkpoint's hash no longer matches the store: the log was rolled back and rewritten. */
        ROLLED_BACK,
        /** The anchor itself does not verify (signature, signer, time-stamp) or cannot be read. */
        BAD_ANCHOR
    }

    /** One mismatch at a sequence number; the detail names the anchor's source, never log content. */
    public record Problem(Kind kind, long seq, String detail) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public AnchorReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
