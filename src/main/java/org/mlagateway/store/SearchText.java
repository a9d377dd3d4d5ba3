package org.mlagateway.store;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.mlagateway.message.MessageSummary;

/**
 * What the operator search matches for one message: its subject as written (shown in the log) and
 * a normalised text of its subject and summary fields. Normalisation happens here, in Java, for
 * the stored text and for every query alike, because the databases cannot be trusted to fold
 * Cyrillic: H2's and PostgreSQL's {@code LOWER()} depend on the collation and locale.
 *
 * <p>{@link #normalise}: Unicode NFKC first, so that composed and decomposed spellings of one letter
 * (Kazakh {@code ӛ} as U+04DB or as {@code ә} + U+0308 COMBINING DIAERESIS, Russian {@code й},
 * {@code ё}) and compatibility forms (full-width Latin, ligatures) become one; then lower case with
 * the root locale, which folds Cyrillic, Kazakh letters included ({@code ӨТІНІШ} to {@code өтініш});
 * then {@code ё} to {@code е}, as Russian is commonly written without the diaeresis. Distinct letters
 * stay distinct: {@code ө} is not {@code о} and {@code ӛ} is not {@code ө}, as in the alphabets.
 */
public record SearchText(String subject, String text) {
    static final int MAX_SUBJECT = 600;
    static final int MAX_TEXT = 4000;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    public SearchText {
        subject = subject == null ? null : cut(Check.sanitize(subject, MAX_SUBJECT), MAX_SUBJECT);
        Objects.requireNonNull(text, "text");
        text = cut(text, MAX_TEXT);
    }

    /** The search text of a message: its subject, partner, ids and every code of its summary. */
    public static SearchText of(MessageSummary s, String partner) {
        List<String> parts = new ArrayList<>();
        add(parts, s.subject());
        add(parts, partner);
        add(parts, s.messageId().toString());
        add(parts, s.conversationId().toString());
        add(parts, s.kind().value());
        add(parts, s.requestType().value());
        s.legalBases().forEach(b -> add(parts, b.instrumentId()));
        s.measureTypes().forEach(m -> add(parts, m.value()));
        s.offenceCategories().forEach(o -> add(parts, o.value()));
        s.refusalGrounds().forEach(r -> add(parts, r.value()));
        if (s.urgency() != null) {
            add(parts, s.urgency().value());
        }
        if (s.status() != null) {
            add(parts, s.status().value());
        }
        if (s.extraditionDecision() != null) {
            add(parts, s.extraditionDecision().value());
        }
        if (s.provisionalArrestRule() != null) {
            add(parts, s.provisionalArrestRule().value());
        }
        return new SearchText(s.subject(), normalise(String.join(" | ", parts)));
    }

    /** The search text of a message known only by its stored columns (no subject). */
    static SearchText ofIds(String messageId, String partner, String kind, String requestType, String conversationId) {
        List<String> parts = new ArrayList<>();
        add(parts, partner);
        add(parts, messageId);
        add(parts, conversationId);
        add(parts, kind);
        add(parts, requestType);
        return new SearchText(null, normalise(String.join(" | ", parts)));
    }

    /** Folds text for matching; see the class comment. Never null. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT)
                .replace('ё', 'е');
        return SPACES.matcher(folded).replaceAll(" ").strip();
    }

    /** The words of a query, normalised; each must occur in the text. */
    public static List<String> terms(String query) {
        String normalised = normalise(query);
        return normalised.isEmpty() ? List.of() : List.of(normalised.split(" "));
    }

    private static void add(List<String> parts, String value) {
        if (value != null && !value.isBlank()) {
            parts.add(value);
        }
    }

    /** Cuts at a code-point boundary so that no half surrogate pair is stored. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
