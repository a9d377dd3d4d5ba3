package org.mlagateway.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.LegalBasisConfig;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.config.RuleConfig;
import org.mlagateway.config.RuleMatch;
import org.mlagateway.message.DocumentLanguages;
import org.mlagateway.message.MessageSummary;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.ProvisionalArrestRequest;
import org.mlagateway.message.xml.TimeLimits;
import org.mlagateway.store.Queue;
import org.mlagateway.store.Routing;

/**
 * Decides where an incoming item goes (docs/domain.md#queues, step 4):
 * <ul>
 *   <li>the first routing rule that matches names the domestic body and the priority;</li>
 *   <li>if any document, or the message's own language, is outside the working languages, the
 *       item goes to the {@code translation} queue first, carrying the body it will go to after;</li>
 *   <li>a declared legal basis that does not cover this partner and request type, or reciprocity
 *       without an assurance, flags the item for review; the gateway never refuses on its own;</li>
 *   <li>a provisional arrest gets its clock (ETS 24 Art. 16: 18 days, at most 40; CIS and the
 *       Kazakh CPC: 40 days), and a respond-by date gets one too; the earliest is the due date.</li>
 * </ul>
 */
public final class Router {
    private final GatewayConfig config;
    private final Clock clock;

    public Router(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The routing of an incoming message from {@code partnerId}. */
    public Routing route(Message message, MessageSummary summary, String partnerId) {
        RuleConfig rule = firstMatch(summary, partnerId);
        List<String> working = config.routing().workingLanguages();
        boolean freeTextReadable = working.contains(MessageSummary.primaryLanguage(summary.language()));
        boolean translate = !freeTextReadable
                || !DocumentLanguages.uncovered(message, working).isEmpty();
        List<String> flags = legalBasisFlags(summary, partnerId);
        return new Routing(
                translate ? Queue.TRANSLATION : Queue.FORWARDING,
                rule.target(),
                rule.priority(),
                dueAt(message, summary),
                flags.isEmpty() ? null : "REVIEW",
                flags.isEmpty() ? null : String.join("; ", flags));
    }

    /**
     * The routing of an outgoing message: the {@code send} queue for its partner, or
     * {@code translation-outbound} when the partner needs a language its documents lack (e.g.
     * ETS 30 Art. 16; CIS partners use Russian). Legal-basis gaps are flagged, as inbound.
     */
    public Routing outbound(Message message, MessageSummary summary, String partnerId) {
        PartnerConfig partner = config.partners().stream()
                .filter(p -> p.id().equals(partnerId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown partner " + partnerId));
        boolean translate = !partner.acceptedLanguages().isEmpty()
                && !DocumentLanguages.uncovered(message, partner.acceptedLanguages())
                        .isEmpty();
        int priority = summary.urgency() == null
                ? RuleConfig.DEFAULT_PRIORITY
                : switch (summary.urgency().value()) {
                    case "VERY_URGENT" -> 9;
                    case "URGENT" -> 7;
                    default -> RuleConfig.DEFAULT_PRIORITY;
                };
        List<String> flags = legalBasisFlags(summary, partnerId);
        return new Routing(
                translate ? Queue.TRANSLATION_OUTBOUND : Queue.SEND,
                partnerId,
                priority,
                dueAt(message, summary),
                flags.isEmpty() ? null : "REVIEW",
                flags.isEmpty() ? null : String.join("; ", flags));
    }

    RuleConfig firstMatch(MessageSummary s, String partnerId) {
        for (RuleConfig rule : config.routing().rules()) {
            if (rule.isDefault() || matches(rule.match(), s, partnerId)) {
                return rule;
            }
        }
        throw new IllegalStateException("the configuration has no default rule");
    }

    private static boolean matches(RuleMatch m, MessageSummary s, String partnerId) {
        return in(m.kinds(), s.kind().value())
                && in(m.requestTypes(), s.requestType().value())
                && in(m.partners(), partnerId)
                && any(
                        m.instruments(),
                        s.legalBases().stream()
                                .map(MessageSummary.LegalBasisSummary::instrumentId)
                                .toList())
                && in(m.urgency(), s.urgency() == null ? "NORMAL" : s.urgency().value())
                && any(m.measures(), s.measureTypes().stream().map(Enum::name).toList())
                && any(
                        m.offenceCategories(),
                        s.offenceCategories().stream().map(Enum::name).toList());
    }

    private static boolean in(List<String> allowed, String value) {
        return allowed.isEmpty() || allowed.contains(value);
    }

    private static boolean any(List<String> allowed, List<String> values) {
        return allowed.isEmpty() || values.stream().anyMatch(allowed::contains);
    }

    /** docs/domain.md#legal-bases: flag, never refuse. */
    List<String> legalBasisFlags(MessageSummary s, String partnerId) {
        List<String> flags = new ArrayList<>();
        PartnerConfig partner = config.partners().stream()
                .filter(p -> p.id().equals(partnerId))
                .findFirst()
                .orElse(null);
        boolean covered = false;
        for (MessageSummary.LegalBasisSummary basis : s.legalBases()) {
            if ("RECIPROCITY".equals(basis.kind().value())) {
                if (basis.hasReciprocityAssurance()) {
                    covered = true;
                } else {
                    flags.add("reciprocity is declared without an assurance");
                }
            } else if (partner != null
                    && partner.legalBases().stream()
                            .anyMatch(b -> coversInstrument(
                                    b, basis.instrumentId(), s.requestType().value()))) {
                covered = true;
            }
        }
        if (!covered) {
            flags.add("no declared legal basis covers " + s.requestType().value() + " with " + partnerId);
        }
        return flags;
    }

    private static boolean coversInstrument(LegalBasisConfig configured, String instrument, String requestType) {
        return configured.instrument().equals(instrument) && configured.covers(requestType);
    }

    /**
     * The earliest clock that applies, or null: a provisional arrest's time limit from the arrest
     * date (the days stated in the request, else ETS 24 Art. 16's 18 days or the 40 days of the CIS
     * conventions and the Kazakh CPC), and the respond-by date.
     */
    Instant dueAt(Message message, MessageSummary s) {
        Instant due = null;
        ProvisionalArrestRequest arrest = message.getProvisionalArrestRequest();
        if (arrest != null && arrest.getTimeLimits() != null) {
            TimeLimits limits = arrest.getTimeLimits();
            Integer days = limits.getFormalRequestDueDays() != null
                    ? limits.getFormalRequestDueDays()
                    : switch (limits.getApplicableRule().value()) {
                        case "ETS24_ART16" -> 18;
                        case "CIS", "CPC_KZ" -> 40;
                        default -> null;
                    };
            if (days != null) {
                LocalDate start = limits.getArrestDate() != null
                        ? limits.getArrestDate()
                        : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                due = start.plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
        if (s.respondBy() != null) {
            Instant respondBy =
                    s.respondBy().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            due = due == null || respondBy.isBefore(due) ? respondBy : due;
        }
        return due;
    }
}
