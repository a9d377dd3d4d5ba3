package org.mlagateway.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The operator pages ({@code ops:} in the YAML): {@code defaultLanguage} is the language of the pages for a
 * browser that asks for none of theirs and an operator who has not picked one in the top bar. Kazakh
 * ({@code kk}), Russian ({@code ru}) or English ({@code en}, the default). {@code timeZone} is the
 * deployment's zone (an IANA name, {@value #DEFAULT_TIME_ZONE} by default): the pages show every time in
 * it, and name it, and the statistics page counts its calendar years in it.
 */
public record OpsConfig(
        @OptionalKey String defaultLanguage, @OptionalKey String timeZone) {
    /** The languages the pages are written in. */
    public static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    /** The zone when none is configured: the Kazakh calendar, as {@code gateway stats} counts it too. */
    public static final String DEFAULT_TIME_ZONE = "Asia/Almaty";

    public OpsConfig {
        defaultLanguage = defaultLanguage != null ? defaultLanguage : "en";
        if (!LANGUAGES.contains(defaultLanguage)) {
            throw new IllegalArgumentException("defaultLanguage must be one of " + String.join(", ", LANGUAGES)
                    + ", not '" + defaultLanguage + "'");
        }
        timeZone = timeZone != null ? timeZone : DEFAULT_TIME_ZONE;
        try {
            timeZone = ZoneId.of(timeZone).getId();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "timeZone must be a zone name such as Asia/Almaty or UTC, not '" + timeZone + "'");
        }
    }

    public OpsConfig(String defaultLanguage) {
        this(defaultLanguage, null);
    }

    /** The deployment's zone. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public static OpsConfig defaults() {
        return new OpsConfig(null, null);
    }
}
