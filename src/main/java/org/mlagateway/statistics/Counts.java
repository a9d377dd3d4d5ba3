package org.mlagateway.statistics;

import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one report row (docs/statistics.md gives each definition).
 *
 * @param requests        requests received (IN) or submitted by domestic bodies (OUT) in the year
 * @param forwarded       IN: handed to a domestic body (its forwarding item acknowledged);
 *                        OUT: delivered to the partner, i.e. sent abroad. Counted whatever the outcome.
 * @param granted         outcome {@link Outcome#GRANTED}
 * @param refused         outcome {@link Outcome#REFUSED}
 * @param withdrawn       outcome {@link Outcome#WITHDRAWN}
 * @param notExecuted     outcome {@link Outcome#NOT_EXECUTED}
 * @param pending         outcome {@link Outcome#PENDING}
 * @param notYetForwarded of the pending ones, those not yet forwarded (IN) or not yet sent (OUT)
 * @param refusalGrounds  refused requests per ground code; a refusal citing several grounds counts
 *                        once under each, so the sum may exceed {@code refused}
 */
public record Counts(
        int requests,
        int forwarded,
        int granted,
        int refused,
        int withdrawn,
        int notExecuted,
        int pending,
        int notYetForwarded,
        Map<String, Integer> refusalGrounds) {
    public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    public Counts {
        refusalGrounds = java.util.Collections.unmodifiableMap(new TreeMap<>(refusalGrounds));
        if (granted + refused + withdrawn + notExecuted + pending != requests) {
            throw new IllegalArgumentException("outcomes (" + (granted + refused + withdrawn + notExecuted + pending)
                    + ") must add up to the requests (" + requests + ")");
        }
        if (notYetForwarded > pending || forwarded > requests) {
            throw new IllegalArgumentException("forwarded and not-yet-forwarded cannot exceed their totals");
        }
    }

    /** The counts of one request. */
    static Counts of(Outcome outcome, boolean forwarded, java.util.List<String> grounds) {
        Map<String, Integer> g = new TreeMap<>();
        if (outcome == Outcome.REFUSED) {
            grounds.stream().distinct().forEach(code -> g.put(code, 1));
        }
        return new Counts(
                1,
                forwarded ? 1 : 0,
                is(outcome, Outcome.GRANTED),
                is(outcome, Outcome.REFUSED),
                is(outcome, Outcome.WITHDRAWN),
                is(outcome, Outcome.NOT_EXECUTED),
                is(outcome, Outcome.PENDING),
                outcome == Outcome.PENDING && !forwarded ? 1 : 0,
                g);
    }

    private static int is(Outcome outcome, Outcome wanted) {
        return outcome == wanted ? 1 : 0;
    }

    /** The sum of two rows. */
    public Counts plus(Counts o) {
        Map<String, Integer> g = new TreeMap<>(refusalGrounds);
        o.refusalGrounds.forEach((k, v) -> g.merge(k, v, Integer::sum));
        return new Counts(
                requests + o.requests,
                forwarded + o.forwarded,
                granted + o.granted,
                refused + o.refused,
                withdrawn + o.withdrawn,
                notExecuted + o.notExecuted,
                pending + o.pending,
                notYetForwarded + o.notYetForwarded,
                g);
    }
}
