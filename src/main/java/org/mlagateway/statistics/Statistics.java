package org.mlagateway.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlagateway.store.Direction;
import org.mlagateway.store.OperatorReads;
import org.mlagateway.store.StatisticsRows;

/**
 * The yearly statistics report (docs/domain.md: by year, state, type, direction and outcome), derived
 * from what the store holds: the requests, their forwarding items, their deliveries and the replies
 * in their conversations. Nothing is counted that the store cannot show.
 *
 * <p>A request belongs to the year in which it was received from its partner, or submitted by a
 * domestic body. Its outcome is taken as of the end of that year ({@link YearReport.OutcomesAsOf#YEAR_END},
 * what the yearly report states: "executed by year end"), or as of now; whatever happened after the
 * cut-off is ignored, so a closed year's report never changes. docs/statistics.md defines each figure.
 */
public final class Statistics {
    private final OperatorReads store;
    private final Clock clock;
    private final ReplyDecision decisions;

    /** {@code maxXmlDepth} is the configured {@code limits.maxXmlDepth}, applied when stored replies are read. */
    public Statistics(OperatorReads store, Clock clock, int maxXmlDepth) {
        this.store = store;
        this.clock = clock;
        this.decisions = new ReplyDecision(maxXmlDepth);
    }

    /** The report of calendar year {@code year} in {@code zone}. */
    public YearReport year(int year, ZoneId zone, YearReport.OutcomesAsOf basis) {
        if (year < 1970 || year > 9999) {
            throw new IllegalArgumentException("year must be between 1970 and 9999, was " + year);
        }
        Instant now = clock.instant();
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant();
        Instant until = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toInstant();
        Instant asOf = basis == YearReport.OutcomesAsOf.NOW || now.isBefore(until) ? now : until;
        StatisticsRows.Data data = store.statistics(new StatisticsRows.Query(
                Category.kinds(), Set.copyOf(ReplyDecision.DECISIVE_KINDS), from, until, asOf));
        Map<String, List<StatisticsRows.Reply>> replies = new HashMap<>();
        for (StatisticsRows.Reply r : data.replies()) {
            replies.computeIfAbsent(key(r.inReplyTo(), r.partner()), k -> new ArrayList<>())
                    .add(r);
        }
        Map<List<Object>, Counts> lines = new LinkedHashMap<>();
        for (StatisticsRows.Request request : data.requests()) {
            Category category = Category.ofKind(request.kind()).orElseThrow();
            ReplyDecision.Decision decision =
                    decide(request, replies.getOrDefault(key(request.messageId(), request.partner()), List.of()));
            boolean forwarded =
                    request.direction() == Direction.IN ? request.forwardedAt() != null : request.deliveredAt() != null;
            lines.merge(
                    List.of(request.direction(), category, request.partner()),
                    Counts.of(decision.outcome(), forwarded, decision.grounds()),
                    Counts::plus);
        }
        List<YearReport.Line> out = new ArrayList<>();
        lines.forEach((k, counts) ->
                out.add(new YearReport.Line((Direction) k.get(0), (Category) k.get(1), (String) k.get(2), counts)));
        return new YearReport(year, zone, from, until, asOf, basis, now, out);
    }

    /** The latest decisive reply wins: a later execution report overrides an earlier partial step. */
    private ReplyDecision.Decision decide(StatisticsRows.Request request, List<StatisticsRows.Reply> replies) {
        ReplyDecision.Decision latest = new ReplyDecision.Decision(Outcome.PENDING, List.of());
        for (StatisticsRows.Reply reply : replies) { // in storage order
            Optional<ReplyDecision.Decision> d = decisions.decide(reply, request.direction());
            if (d.isPresent()) {
                latest = d.get();
            }
        }
        return latest;
    }

    private static String key(String messageId, String partner) {
        return messageId + '\u0000' + partner;
    }
}
