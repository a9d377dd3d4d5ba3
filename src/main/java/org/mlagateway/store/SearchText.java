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
 * then {@code ё} to {@code е}, as Russian is commonly written without the diaeresis; then the letters that
 * damaged Kazakh text carries in place of Kazakh ones to the Kazakh letters ({@link #DAMAGED}, {@link #INTACT}),
 * so that a search finds the text in either form. Only the search text is folded: the subject is stored and
 * shown as received. Other distinct letters stay distinct: {@code ө} is not {@code о}.
 *
 * <p>The damage folded is what is known to reach a gateway: {@code ӛ} (U+04DB) for {@code ө}, from fonts that
 * drew ө on that code point (docs/domain.md); text in the Kazakh 8-bit code page RK1048 (STRK1048-2002) read as
 * Windows-1251, which turns ә ғ қ ң ө ұ ү һ into ј є ќ ѕ ґ ў ї ћ (the Serbian, Macedonian, Ukrainian and
 * Belarusian letters in the same bytes); and the Latin look-alikes typed on keyboards without Kazakh letters:
 * {@code ə} (U+0259) for ә, {@code ɵ} (U+0275) for ө, Latin {@code i} for і. The substitutes are real letters of
 * other languages, but Kazakh and Russian text do not use them, and both sides of a comparison are folded alike.
 */
public record SearchText(String subject, String text) {
    static final int MAX_SUBJECT = 600;
    static final int MAX_TEXT = 4000;
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * Letters damaged Kazakh text has, in lower case (after the root locale's folding), one per letter of
     * {@link #INTACT}.
     */
    public static final String DAMAGED = "\u04db\u0458\u0454\u045c\u0455\u0491\u045e\u0457\u045b\u0259\u0275i";

    /** The Kazakh letter each letter of {@link #DAMAGED} stands for. */
    public static final String INTACT = "\u04e9\u04d9\u0493\u049b\u04a3\u04e9\u04b1\u04af\u04bb\u04d9\u04e9\u0456";

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
        return SPACES.matcher(repair(folded)).replaceAll(" ").strip();
    }

    /** Each letter of {@link #DAMAGED} in {@code folded} replaced by its letter of {@link #INTACT}. */
    static String repair(String folded) {
        StringBuilder out = null;
        for (int i = 0; i < folded.length(); i++) {
            int at = DAMAGED.indexOf(folded.charAt(i));
            if (at >= 0) {
                if (out == null) {
                    out = new StringBuilder(folded);
                }
                out.setCharAt(i, INTACT.charAt(at));
            }
        }
        return out == null ? folded : out.toString();
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
