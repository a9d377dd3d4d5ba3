package org.mlagateway.tools.bench;

import io.netty.util.internal.PlatformDependent;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The most direct (off-heap) memory this JVM had in use, sampled every 100 ms by a daemon thread:
 * the JDK's direct buffer pool plus what Netty allocates past it (its cleaner-less buffers).
 * Aggregating request bodies lives there, so it is what a flood of large bodies would exhaust.
 */
final class DirectMemoryWatch {
    private final AtomicLong peak = new AtomicLong();

    DirectMemoryWatch() {
        Thread sampler = new Thread(
                () -> {
                    while (true) {
                        peak.accumulateAndGet(inUse(), Math::max);
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "direct-memory-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    long peak() {
        return Math.max(peak.get(), inUse());
    }

    static long inUse() {
        long used = Math.max(0, PlatformDependent.usedDirectMemory());
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                used += pool.getMemoryUsed();
            }
        }
        return used;
    }
}
