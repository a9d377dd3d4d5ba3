package org.mlagateway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the message log's signed checkpoints on one daemon thread, {@value #THREAD}, so that
 * signing, the anchor file and the TSA round trip never delay a commit. A commit only decides,
 * from two atomics and the clock, whether a checkpoint is due ({@link Checkpointing}) and, if so,
 * queues the entry it names; a timer makes the time rule fire when nothing is committed. For each
 * due entry the worker signs a checkpoint, stores it and appends it to the anchor files. Time-stamps
 * are asked for one at a time, oldest unstamped checkpoint first, without blocking the thread (the
 * {@link TimeStamper} answers with a future), so a hanging authority delays neither signing nor
 * anchoring. When no authority answers, the checkpoint stays signed but unstamped and the backlog
 * is tried again after {@link Checkpointing#stampRetry()}, doubling up to
 * {@link Checkpointing#stampRetryMax()}. On a node of a cluster ({@link Checkpointing#node()}), the
 * worker makes checkpoints of its own accord only while it holds the {@value #LEASE} lease, renewed
 * every few seconds; it then reads the log head on every tick, since the entries other nodes append
 * reach it through no commit of its own. A node that dies stops renewing, and another node takes
 * over within {@link #LEASE_TIME}. Should two nodes still race for one seq, the primary key keeps one.
 */
final class CheckpointWorker implements AutoCloseable {
    static final String THREAD = "log-checkpointer";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWorker.class);
    private static final long TICK_MILLIS = 1000;
    private static final Duration STATUS_EVERY = Duration.ofSeconds(10);
    /** How long a caller of {@link #checkpointNow} waits for its checkpoint to be signed and a stamp tried. */
    private static final Duration SIGN_WAIT = Duration.ofMinutes(5);
    /** The one-node job this worker leads on a cluster. */
    static final String LEASE = "checkpointer";
    /** How long the lease lasts unrenewed: a dead leader's successor starts after at most this. */
    static final Duration LEASE_TIME = Duration.ofSeconds(10);
    /** How often the leader renews. */
    private static final Duration LEASE_RENEW = Duration.ofSeconds(3);

    /** One checkpoint to sign: the entry it names, and who waits for it (null: nobody). */
    private record Request(long seq, String hash, CompletableFuture<Optional<Long>> done) {}

    /** Wakes the worker without work, because a time-stamp answer arrived. */
    private static final Request WAKE = new Request(-1, null, null);
    /** Stops the worker once the requests queued before it are signed. */
    private static final Request STOP = new Request(-2, null, null);

    private final CheckpointRows rows;
    /** While the database is down every tick fails: one ERROR, then a WARN a minute, then an INFO. */
    private final RepeatedFailureLog failures;

    private final Clock clock;
    private final Checkpointing config;
    private final AnchorFile anchors;
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final AtomicLong requestedSeq = new AtomicLong();
    private volatile Instant requestedAt;
    private final AtomicLong queued = new AtomicLong();
    private final Object progress = new Object();
    private long handled; // guarded by progress
    private final Thread thread;
    private volatile boolean stopping;
    private volatile StampingStatus status;
    // Only the worker thread touches these.
    private Duration backoff = Duration.ZERO;
    private long nextStampNanos = System.nanoTime();
    private long nextStatusNanos = System.nanoTime();
    /** False once the store was seen to hold no unstamped checkpoint, until the next is signed. */
    private boolean backlog = true;
    /** Whether this node holds the lease (always, off a cluster); read by committing threads. */
    private volatile boolean leading;

    private long nextLeaseNanos = System.nanoTime();
    private long nextTickNanos = System.nanoTime();

    private Checkpoint stamping;
    private CompletableFuture<byte[]> stampAnswer;
    private final List<CompletableFuture<Optional<Long>>> waiting = new ArrayList<>();
    private final List<Long> waitingSeqs = new ArrayList<>();

    CheckpointWorker(CheckpointRows rows, Clock clock, Checkpointing config) {
        this(rows, clock, config, RepeatedFailureLog.INTERVAL);
    }

    /** With failures repeated at most once every {@code failureLogEvery} (tests shorten it). */
    CheckpointWorker(CheckpointRows rows, Clock clock, Checkpointing config, Duration failureLogEvery) {
        this.failures = new RepeatedFailureLog(LOG, "message-log checkpoint worker", failureLogEvery, System::nanoTime);
        this.rows = rows;
        this.clock = clock;
        this.config = config;
        this.anchors = new AnchorFile(config.anchorFiles());
        Optional<Checkpoint> last = rows.newest();
        requestedSeq.set(last.map(Checkpoint::seq).orElse(0L));
        requestedAt = last.map(cp -> Instant.EPOCH.plus(cp.atMicros(), ChronoUnit.MICROS))
                .orElse(clock.instant());
        leading = config.node() == null;
        refreshStatus();
        thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /** Called after a commit whose last appended entry is {@code entry}; never blocks. */
    void afterCommit(LogEntry entry) {
        if (!leading) {
            return;
        }
        long prev = requestedSeq.get();
        if (entry.seq() <= prev) {
            return;
        }
        boolean due = entry.seq() - prev >= config.everyEntries()
                || Duration.between(requestedAt, clock.instant()).compareTo(config.every()) >= 0;
        if (due && requestedSeq.compareAndSet(prev, entry.seq())) {
            requestedAt = clock.instant();
            enqueue(new Request(entry.seq(), entry.hash(), null));
        }
    }

    /**
     * Signs a checkpoint of this committed entry now and waits until it is stored and its time-stamp was
     * tried (granted, refused, or the authorities are in their retry pause).
     */
    Optional<Long> checkpointNow(long seq, String hash) {
        requestedSeq.accumulateAndGet(seq, Math::max);
        requestedAt = clock.instant();
        CompletableFuture<Optional<Long>> done = new CompletableFuture<>();
        enqueue(new Request(seq, hash, done));
        try {
            return done.get(SIGN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new StoreException("checkpoint at seq " + seq + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new StoreException("checkpoint at seq " + seq + " not signed within " + SIGN_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the checkpoint at seq " + seq, e);
        }
    }

    /**
     * Waits until every checkpoint due so far is signed and stored (its time-stamp may follow later); false
     * if that took longer than {@code max}.
     */
    boolean awaitIdle(Duration max) throws InterruptedException {
        long target = queued.get();
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (progress) {
            while (handled < target && !stopping) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
            return handled >= target;
        }
    }

    StampingStatus status() {
        return status;
    }

    private void enqueue(Request r) {
        queued.incrementAndGet();
        requests.add(r);
    }

    private void run() {
        while (true) {
            try {
                Request r = requests.poll(TICK_MILLIS, TimeUnit.MILLISECONDS);
                if (r == STOP) {
                    break;
                } else if (r != null && r != WAKE) {
                    handle(r);
                }
                if (!stopping && System.nanoTime() - nextTickNanos >= 0) {
                    nextTickNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
                    timer();
                }
                if (!stopping) {
                    holdLease();
                }
                if (!stopping) {
                    collectStamp();
                    askForStamp();
                }
                answerWaiting();
                if (!anchors.ok() && anchors.flush()) {
                    refreshStatus();
                }
                if (System.nanoTime() - nextStatusNanos >= 0) {
                    refreshStatus();
                }
            } catch (InterruptedException e) {
                // nothing interrupts this thread; stopping is signalled through the queue
            } catch (RuntimeException e) {
                failures.failed(e.toString());
            }
        }
        if (stampAnswer != null) {
            stampAnswer.cancel(true);
        }
        for (Request r; (r = requests.poll()) != null; ) {
            if (r != WAKE && r != STOP) {
                fail(r.done());
                done();
            }
        }
        waiting.forEach(CheckpointWorker::fail);
    }

    private static void fail(CompletableFuture<Optional<Long>> done) {
        if (done != null) {
            done.completeExceptionally(new StoreException("the store is closing"));
        }
    }

    /** Signs, stores and anchors the checkpoint, and counts it as handled. */
    private void handle(Request r) {
        try {
            sign(r.seq(), r.hash());
            refreshStatus();
            if (r.done() != null) {
                waiting.add(r.done());
                waitingSeqs.add(r.seq());
            }
        } catch (RuntimeException e) {
            failures.failed("checkpoint at seq " + r.seq() + " not written, a later one covers it: " + e);
            if (r.done() != null) {
                r.done().completeExceptionally(e);
            }
        } finally {
            done();
        }
    }

    /** Callers of {@link #checkpointNow} learn the outcome once no stamp is under way. */
    private void answerWaiting() {
        if (stampAnswer != null && !stopping) {
            return;
        }
        for (int i = 0; i < waiting.size(); i++) {
            waiting.get(i).complete(Optional.of(waitingSeqs.get(i)));
        }
        waiting.clear();
        waitingSeqs.clear();
    }

    private void done() {
        synchronized (progress) {
            handled++;
            progress.notifyAll();
        }
    }

    /**
     * Takes or renews the lease when it is time to (on a cluster only). A node that has just become
     * the leader starts from the newest checkpoint in the store, which its predecessor may have written.
     */
    private void holdLease() {
        if (config.node() == null || System.nanoTime() - nextLeaseNanos < 0) {
            return;
        }
        nextLeaseNanos = System.nanoTime() + LEASE_RENEW.toNanos();
        Instant now = clock.instant();
        boolean held;
        try {
            held = rows.holdLease(LEASE, config.node(), micros(now), micros(now.plus(LEASE_TIME)));
        } catch (StoreException e) {
            // Unrenewed, the lease may pass to another node while the database is away: stop leading.
            LOG.warn("message-log checkpoint lease not renewed: {}", e.getMessage());
            held = false;
        }
        if (held && !leading) {
            rows.newest().ifPresent(cp -> requestedSeq.accumulateAndGet(cp.seq(), Math::max));
            LOG.info("node {} now writes the message-log checkpoints", config.node());
        }
        leading = held;
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    /** The time rule without a commit; on a cluster, the leader's look at what other nodes appended. */
    private void timer() {
        if (!leading) {
            return;
        }
        boolean timeDue = Duration.between(requestedAt, clock.instant()).compareTo(config.every()) >= 0;
        if (!timeDue && config.node() == null) {
            return;
        }
        LogRows.Head head = rows.head();
        failures.succeeded();
        long prev = requestedSeq.get();
        boolean due = timeDue || head.seq() - prev >= config.everyEntries();
        if (due && head.seq() > prev && requestedSeq.compareAndSet(prev, head.seq())) {
            requestedAt = clock.instant();
            queued.incrementAndGet();
            handle(new Request(head.seq(), head.hash(), null));
        } else if (timeDue) {
            requestedAt = clock.instant(); // nothing new: look again after another interval
        }
    }

    private void sign(long seq, String hash) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        long at = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        byte[] canonical = CheckpointCodec.canonical(seq, hash, at);
        // The key that signs messages at the checkpoint's instant signs it (a rollover switches both at once).
        ChainSigner.Signed signed = config.signer().sign(canonical, now);
        Checkpoint cp = new Checkpoint(
                seq,
                hash,
                at,
                ChainSigner.ALGORITHM,
                signed.signature(),
                CheckpointCodec.encodeChain(signed.chain()),
                null);
        boolean inserted = rows.insert(cp);
        failures.succeeded();
        if (inserted) {
            anchors.append(cp);
            backlog = true;
        }
    }

    /** Asks for the oldest unstamped checkpoint's time-stamp, unless one is under way or the retry pause lasts. */
    private void askForStamp() {
        if (config.timeStamper() == null || stampAnswer != null || !backlog || System.nanoTime() - nextStampNanos < 0) {
            return;
        }
        List<Checkpoint> oldest = rows.unstamped(1);
        if (oldest.isEmpty()) {
            backlog = false;
            refreshStatus();
            return;
        }
        stamping = oldest.get(0);
        try {
            stampAnswer = config.timeStamper().timestamp(LogHash.sha256(stamping.canonical()));
        } catch (RuntimeException e) {
            stampAnswer = CompletableFuture.failedFuture(e);
        }
        stampAnswer.whenComplete((token, failure) -> requests.add(WAKE));
    }

    /** Stores a time-stamp that arrived, or starts the retry pause after a failure. */
    private void collectStamp() {
        if (stampAnswer == null || !stampAnswer.isDone()) {
            return;
        }
        Checkpoint cp = stamping;
        CompletableFuture<byte[]> answer = stampAnswer;
        stamping = null;
        stampAnswer = null;
        byte[] token;
        try {
            token = answer.join();
        } catch (CompletionException | java.util.concurrent.CancellationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            backoff = backoff.isZero() ? config.stampRetry() : min(backoff.multipliedBy(2), config.stampRetryMax());
            nextStampNanos = System.nanoTime() + backoff.toNanos();
            LOG.warn(
                    "message-log checkpoint at seq {} not time-stamped, tried again in {} ms: {}",
                    cp.seq(),
                    backoff.toMillis(),
                    cause.getMessage());
            refreshStatus();
            return;
        }
        backoff = Duration.ZERO;
        if (rows.stamp(cp.seq(), token)) {
            anchors.append(new Checkpoint(
                    cp.seq(),
                    cp.entryHash(),
                    cp.atMicros(),
                    cp.signatureAlgorithm(),
                    cp.signature(),
                    cp.signerChain(),
                    token));
        }
        refreshStatus();
    }

    private void refreshStatus() {
        nextStatusNanos = System.nanoTime() + STATUS_EVERY.toNanos();
        try {
            CheckpointRows.Stats s = rows.stats();
            failures.succeeded();
            status = new StampingStatus(
                    true,
                    config.timeStamper() != null,
                    anchors.configured(),
                    s.unstamped(),
                    instant(s.oldestUnstampedMicros()),
                    instant(s.newestStampedMicros()),
                    anchors.ok());
        } catch (StoreException e) {
            failures.failed("checkpoint status not read: " + e.getMessage());
            if (status == null) {
                status = new StampingStatus(
                        true, config.timeStamper() != null, anchors.configured(), 0, null, null, anchors.ok());
            }
        }
    }

    private static Instant instant(Long micros) {
        return micros == null ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Stops the worker: checkpoints already due are still signed, stored and anchored (no network), a
     * time-stamp request under way is abandoned, and the time-stamps follow after a restart.
     */
    @Override
    public void close() {
        stopping = true;
        requests.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (config.node() != null && leading) {
            try {
                rows.dropLease(LEASE, config.node()); // the next node need not wait for it to run out
            } catch (StoreException e) {
                LOG.warn("message-log checkpoint lease not given up: {}", e.getMessage());
            }
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}
