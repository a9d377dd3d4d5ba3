package org.mlagateway.pages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The labels of the pages in one language, read from {@code messages_<language>.properties} (UTF-8) beside
 * this class. Only the languages of {@link #LANGUAGES} exist; a bundle never falls back to the JVM's locale.
 * Times are written in the deployment's zone ({@link #ZONE}, the one the statistics count years in), which
 * the pages name beside them.
 */
final class Messages {
    /** Kazakh, Russian and English, in the order the top bar offers them. */
    static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    /** The deployment's zone: the Kazakh calendar day and year, as {@code gateway stats} counts them. */
    static final ZoneId ZONE = ZoneId.of("Asia/Almaty");

    static final String BUNDLE = "org.mlagateway.pages.messages";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZONE);
    private final String language;
    private final ResourceBundle bundle;

    private Messages(String language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
    }

    /** The labels in {@code language}, one of {@link #LANGUAGES}. */
    static Messages of(String language) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("no labels in language " + language);
        }
        return new Messages(language, bundle(language));
    }

    static ResourceBundle bundle(String language) {
        return ResourceBundle.getBundle(
                BUNDLE,
                Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The language's tag, for {@code <html lang>}. */
    String language() {
        return language;
    }

    /** The label for {@code key}; a missing key is a programming error, found by the bundle test. */
    String get(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no label " + key + " in language " + language, e);
        }
    }

    /** The label for {@code key} with its {@code {0}}, {@code {1}}, ... replaced by {@code arguments}. */
    String get(String key, Object... arguments) {
        String label = get(key);
        for (int i = 0; i < arguments.length; i++) {
            label = label.replace("{" + i + "}", String.valueOf(arguments[i]));
        }
        return label;
    }

    /**
     * The name of a code of a closed list ({@code group} such as {@code kind}, {@code status}, {@code ground}) in
     * this language; a code the pages do not know (a partner's newer schema) is shown as it came. Null stays null.
     */
    String code(String group, String code) {
        if (code == null) {
            return null;
        }
        String key = group + "." + code;
        return bundle.containsKey(key) ? bundle.getString(key) : code;
    }

    /** Whether {@code group} names {@code code}: when not, the page shows the code itself once, not twice. */
    boolean knows(String group, String code) {
        return code != null && bundle.containsKey(group + "." + code);
    }

    /** A time in the deployment's zone, without the zone (the column or the sentence names it). */
    String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** A time in the deployment's zone, followed by the zone's name. */
    String zoned(Instant t) {
        return t == null ? "" : TIME.format(t) + " " + zone();
    }

    /** The zone's name, e.g. {@code Asia/Almaty}. */
    String zone() {
        return ZONE.getId();
    }

    /** A duration for people, in this language: "3 d 4 h", "2 h 5 min", "40 s". */
    String age(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return get("age.dh", Long.toString(d.toDays()), Integer.toString(d.toHoursPart()));
        }
        if (d.toHours() > 0) {
            return get("age.hm", Long.toString(d.toHours()), Integer.toString(d.toMinutesPart()));
        }
        if (d.toMinutes() > 0) {
            return get("age.m", Long.toString(d.toMinutes()));
        }
        return get("age.s", Long.toString(d.toSeconds()));
    }
}
