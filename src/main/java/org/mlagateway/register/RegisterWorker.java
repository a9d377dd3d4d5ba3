package org.mlagateway.register;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the register from the stored messages every {@link #EVERY}, on its own thread, so that an accept
 * or a submission never waits for it. Safe on every node at once: each message is read once
 * ({@code register_fed}). A failed run is logged and tried again at the next.
 */
public final class RegisterWorker implements AutoCloseable {
    /** How often the feed looks for new messages. */
    public static final Duration EVERY = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(RegisterWorker.class);
    private final Register register;
    private final Duration every;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "register-feed");
        t.setDaemon(true);
        return t;
    });

    public RegisterWorker(Register register, Duration every) {
        this.register = register;
        this.every = every;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::run, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            int read = register.feedAll();
            if (read > 0) {
                LOG.info("register feed read {} messages", read);
            }
        } catch (RuntimeException e) {
            LOG.warn("register feed failed; retrying in {}s ({})", every.toSeconds(), e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
