package org.mlagateway.config;

import java.util.List;

/**
 * The operator pages ({@code ops:} in the YAML): {@code defaultLanguage} is the language of the pages for a
 * browser that asks for none of theirs and an operator who has not picked one in the top bar. Kazakh
 * ({@code kk}), Russian ({@code ru}) or English ({@code en}, the default).
 */
public record OpsConfig(@OptionalKey String defaultLanguage) {
    /** The languages the pages are written in. */
    public static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    public OpsConfig {
        defaultLanguage = defaultLanguage != null ? defaultLanguage : "en";
        if (!LANGUAGES.contains(defaultLanguage)) {
            throw new IllegalArgumentException("defaultLanguage must be one of " + String.join(", ", LANGUAGES)
                    + ", not '" + defaultLanguage + "'");
        }
    }

    public static OpsConfig defaults() {
        return new OpsConfig(null);
    }
}
