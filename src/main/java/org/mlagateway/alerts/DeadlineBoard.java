package org.mlagateway.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.mlagateway.store.DueClock;

/**
 * The dashboard's view of the running clocks at {@code now}: overdue and soon-due counts per domestic body
 * (the item's target; for the {@code send} queue, the partner) and per partner, and the clocks themselves,
 * earliest first. {@code truncated} when there were more clocks than one read takes.
 */
public record DeadlineBoard(
        Instant now, List<Count> byBody, List<Count> byPartner, List<DueClock> clocks, boolean truncated) {
    /** The clocks of one body or partner: how many are overdue and how many run out within the window. */
    public record Count(String name, int overdue, int soon) {}

    static DeadlineBoard of(Instant now, List<DueClock> clocks, boolean truncated) {
        return new DeadlineBoard(
                now, count(clocks, DueClock::target, now), count(clocks, DueClock::partner, now), clocks, truncated);
    }

    private static List<Count> count(List<DueClock> clocks, Function<DueClock, String> key, Instant now) {
        Map<String, int[]> counts = new TreeMap<>();
        for (DueClock c : clocks) {
            int[] n = counts.computeIfAbsent(key.apply(c), k -> new int[2]);
            n[c.dueAt().isAfter(now) ? 1 : 0]++;
        }
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList();
    }

    /** Whether the clock has run out. */
    public boolean overdue(DueClock c) {
        return !c.dueAt().isAfter(now);
    }
}
