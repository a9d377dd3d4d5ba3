package org.mlagateway.tools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap actually in use at one time, from the collector's own reports: the most in use just
 * before a collection (what the heap had to hold, garbage included) and the most still live just
 * after one. Unlike the sum of the pools' separate peaks, both are amounts the heap held at one
 * moment, so they can be set against {@code -Xmx}.
 */
final class HeapWatch {
    private final AtomicLong beforeGc = new AtomicLong();
    private final AtomicLong afterGc = new AtomicLong();
    /** The collector reports every memory pool, metaspace and code cache included: keep the heap's. */
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());

    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> {
                            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                    notification.getType())) {
                                var info = GarbageCollectionNotificationInfo.from(
                                                (CompositeData) notification.getUserData())
                                        .getGcInfo();
                                beforeGc.accumulateAndGet(used(info.getMemoryUsageBeforeGc()), Math::max);
                                afterGc.accumulateAndGet(used(info.getMemoryUsageAfterGc()), Math::max);
                            }
                        },
                        null,
                        null);
            }
        }
    }

    private long used(Map<String, MemoryUsage> pools) {
        return pools.entrySet().stream()
                .filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed())
                .sum();
    }

    /** The most heap in use when a collection started, since start-up. */
    long peakBeforeGc() {
        return beforeGc.get();
    }

    /** The most heap still live after a collection, since start-up. */
    long peakLiveAfterGc() {
        return afterGc.get();
    }
}
