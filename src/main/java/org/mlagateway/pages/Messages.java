package org.mlagateway.pages;

import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The labels of the pages in one language, read from {@code messages_<language>.properties} (UTF-8) beside
 * this class. Only the languages of {@link #LANGUAGES} exist; a bundle never falls back to the JVM's locale.
 */
final class Messages {
    /** Kazakh, Russian and English, in the order the top bar offers them. */
    static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    static final String BUNDLE = "org.mlagateway.pages.messages";
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

    /** The label for {@code key} with its {@code {0}} replaced. */
    String get(String key, String argument) {
        return get(key).replace("{0}", argument);
    }
}
