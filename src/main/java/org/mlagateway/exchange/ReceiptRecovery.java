package org.mlagateway.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mlagateway.message.Sha256;
import org.mlagateway.security.Receipt;
import org.mlagateway.security.ReceiptIssuer;
import org.mlagateway.store.InboxStore;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the evidence of every accepted message complete. The receipt a node issues is stored just
 * after the accept commits; a node killed in between leaves an accepted message whose issued
 * receipt is nowhere. This sweep finds such messages once they are older than {@code age} (so that
 * an accept still under way elsewhere is left alone), issues their {@code ACCEPTED} receipt from the
 * stored envelope, and stores it with a {@code receipt-recovered} log entry. It runs when the node
 * starts and every {@link #EVERY}, on every node: a message's row lock and the check for a stored
 * receipt let one node alone store it. It remembers how far it has looked, so that a later pass
 * reads only newer messages.
 */
public final class ReceiptRecovery implements AutoCloseable {
    /** How old an accepted message without a stored receipt must be before its receipt counts as lost. */
    public static final Duration AGE = Duration.ofMinutes(1);
    /** How often the sweep runs. */
    public static final Duration EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptRecovery.class);
    private static final int PAGE = 100;

    private final InboxStore inbox;
    private final MessageReads reads;
    private final ReceiptIssuer issuer;
    private final Clock clock;
    private final Duration age;
    private long swept; // guarded by this
    private ScheduledExecutorService timer;

    public <S extends InboxStore & MessageReads> ReceiptRecovery(
            S store, ReceiptIssuer issuer, Clock clock, Duration age) {
        this.inbox = store;
        this.reads = store;
        this.issuer = issuer;
        this.clock = clock;
        this.age = age;
    }

    /** Sweeps now, on a thread of its own, and then every {@link #EVERY}. */
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "receipt-recovery");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweepSafely, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepSafely() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("receipt recovery sweep failed, tried again in {}: {}", EVERY, e.getMessage());
        }
    }

    /** One pass; returns how many receipts it issued and stored. */
    public synchronized int sweep() {
        Instant cutoff = clock.instant().minus(age);
        long cursor = swept;
        long firstFailed = Long.MAX_VALUE;
        int stored = 0;
        List<Long> page;
        do {
            page = inbox.withoutIssuedReceipt(cursor, cutoff, PAGE);
            for (long pk : page) {
                cursor = pk;
                try {
                    if (recover(pk)) {
                        stored++;
                    }
                } catch (RuntimeException e) {
                    firstFailed = Math.min(firstFailed, pk);
                    LOG.error("no receipt could be issued for accepted message pk {}: {}", pk, e.toString());
                }
            }
        } while (page.size() == PAGE);
        swept = Math.max(swept, Math.min(inbox.sweptUpTo(swept, cutoff), firstFailed - 1));
        if (stored > 0) {
            LOG.warn(
                    "issued and stored {} receipt(s) of accepted messages whose node stopped before storing them",
                    stored);
        }
        return stored;
    }

    private boolean recover(long pk) {
        StoredMessage m = reads.message(pk).orElseThrow();
        if (m.envelope() == null || m.receiptLogSeq() == null || m.receivedAt() == null) {
            throw new IllegalStateException("the message has no stored envelope or received entry");
        }
        Receipt receipt = new Receipt(
                m.messageId(),
                Receipt.Status.ACCEPTED,
                m.receivedAt(),
                m.receiptLogSeq(),
                null,
                null,
                Sha256.of(m.envelope()));
        byte[] body = issuer.issueFromStored(receipt, m.envelope());
        boolean stored = inbox.storeRecoveredReceipt(
                pk, m.receiptLogSeq(), body, receipt.status().name());
        if (stored) {
            LOG.info("receipt of message {} issued on recovery (log {})", m.messageId(), m.receiptLogSeq());
        }
        return stored;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
