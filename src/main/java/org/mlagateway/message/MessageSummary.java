package org.mlagateway.message;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.mlagateway.message.xml.ExtraditionDecision;
import org.mlagateway.message.xml.LegalBasisKind;
import org.mlagateway.message.xml.MeasureType;
import org.mlagateway.message.xml.MessageKind;
import org.mlagateway.message.xml.OffenceCategory;
import org.mlagateway.message.xml.RefusalGround;
import org.mlagateway.message.xml.RequestType;
import org.mlagateway.message.xml.Status;
import org.mlagateway.message.xml.TimeLimitRule;
import org.mlagateway.message.xml.UrgencyLevel;

/**
 * The facts of a message that the gateway indexes, routes on and counts for the statistics
 * report (docs/domain.md: by year, state, type, direction and outcome). It holds codes, ids, dates and
 * the operator subject only: no names, facts or document content.
 *
 * <p>Nullable: {@code inReplyTo}, {@code respondBy}, {@code urgency}, {@code subject},
 * {@code provisionalArrestRule}, {@code arrestDate}, {@code extraditionDecision}, {@code status}.
 * Lists are never null and are immutable.
 *
 * @param senderCountry    ISO 3166-1 alpha-2 code of the sender's country
 * @param recipientCountry ISO 3166-1 alpha-2 code of the recipient's country
 * @param language         the header's main language (BCP 47)
 * @param documentLanguages the language of each document, in document order
 * @param measureTypes     the measures of an MLA request, in order; empty for other kinds
 * @param offenceCategories distinct offence categories of all offences in the payload
 * @param arrestDate       date of provisional arrest, from the provisional-arrest time limits or
 *                         an extradition request's provisional-arrest reference
 */
public record MessageSummary(
        UUID messageId,
        UUID conversationId,
        UUID inReplyTo,
        OffsetDateTime createdAt,
        String senderId,
        String senderCountry,
        String recipientId,
        String recipientCountry,
        MessageKind kind,
        RequestType requestType,
        List<LegalBasisSummary> legalBases,
        String language,
        List<String> documentLanguages,
        LocalDate respondBy,
        UrgencyLevel urgency,
        String subject,
        List<MeasureType> measureTypes,
        List<OffenceCategory> offenceCategories,
        TimeLimitRule provisionalArrestRule,
        LocalDate arrestDate,
        ExtraditionDecision extraditionDecision,
        List<RefusalGround> refusalGrounds,
        Status status) {

    /** One declared legal basis. */
    public record LegalBasisSummary(LegalBasisKind kind, String instrumentId, boolean hasReciprocityAssurance) {
        public LegalBasisSummary {
            Objects.requireNonNull(kind, "legal basis kind is required");
            Objects.requireNonNull(instrumentId, "legal basis instrumentId is required");
        }
    }

    public MessageSummary {
        Objects.requireNonNull(messageId, "messageId is required");
        Objects.requireNonNull(conversationId, "conversationId is required");
        Objects.requireNonNull(createdAt, "createdAt is required");
        Objects.requireNonNull(senderId, "senderId is required");
        Objects.requireNonNull(senderCountry, "senderCountry is required");
        Objects.requireNonNull(recipientId, "recipientId is required");
        Objects.requireNonNull(recipientCountry, "recipientCountry is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(requestType, "requestType is required");
        Objects.requireNonNull(language, "language is required");
        legalBases = List.copyOf(Objects.requireNonNull(legalBases, "legalBases is required"));
        if (legalBases.isEmpty()) {
            throw new IllegalArgumentException("legalBases must not be empty: every message cites at least one basis");
        }
        documentLanguages = List.copyOf(Objects.requireNonNull(documentLanguages, "documentLanguages is required"));
        measureTypes = List.copyOf(Objects.requireNonNull(measureTypes, "measureTypes is required"));
        offenceCategories = List.copyOf(Objects.requireNonNull(offenceCategories, "offenceCategories is required"));
        refusalGrounds = List.copyOf(Objects.requireNonNull(refusalGrounds, "refusalGrounds is required"));
    }

    /**
     * The same facts under another header identity: ids and creation time. A message stamped from a
     * template (the synthetic year, the benchmarks) differs from the template in these only.
     */
    public MessageSummary withIdentity(UUID messageId, UUID conversationId, UUID inReplyTo, OffsetDateTime createdAt) {
        return new MessageSummary(
                messageId,
                conversationId,
                inReplyTo,
                createdAt,
                senderId,
                senderCountry,
                recipientId,
                recipientCountry,
                kind,
                requestType,
                legalBases,
                language,
                documentLanguages,
                respondBy,
                urgency,
                subject,
                measureTypes,
                offenceCategories,
                provisionalArrestRule,
                arrestDate,
                extraditionDecision,
                refusalGrounds,
                status);
    }

    /** ISO 639-2 special codes that need no translation: no linguistic content, undetermined, multiple. */
    private static final java.util.Set<String> NOT_A_LANGUAGE = java.util.Set.of("zxx", "und", "mul", "mis");

    /**
     * The primary languages of the message and its documents that are not in {@code accepted}
     * ({@code kk-Cyrl} counts as {@code kk}; a photograph tagged {@code zxx} needs no translation).
     */
    public java.util.Set<String> languagesOutside(java.util.Collection<String> accepted) {
        java.util.Set<String> missing = new java.util.LinkedHashSet<>();
        List<String> all = new java.util.ArrayList<>(documentLanguages);
        all.add(language);
        for (String tag : all) {
            String primary = primaryLanguage(tag);
            if (!NOT_A_LANGUAGE.contains(primary) && !accepted.contains(primary)) {
                missing.add(primary);
            }
        }
        return missing;
    }

    /** {@code kk-Cyrl-KZ} to {@code kk}. */
    public static String primaryLanguage(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }
}
