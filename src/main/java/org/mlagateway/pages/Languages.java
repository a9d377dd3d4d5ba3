package org.mlagateway.pages;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the language of a page: the one the operator picked in the top bar (remembered in the session),
 * else the best of the browser's {@code Accept-Language} that the pages have, else the deployment's
 * default ({@code ops.defaultLanguage}).
 */
final class Languages {
    private final String fallback;
    private final ZoneId zone;

    Languages(String fallback) {
        this(fallback, Messages.DEFAULT_ZONE);
    }

    /** {@code zone} is the deployment's ({@code ops.timeZone}), in which every page shows its times. */
    Languages(String fallback, ZoneId zone) {
        this.zone = zone;
        if (!Messages.LANGUAGES.contains(fallback)) {
            throw new IllegalArgumentException("no labels in language " + fallback);
        }
        this.fallback = fallback;
    }

    /** The language for a request; {@code remembered} and {@code acceptLanguage} may be null. */
    String choose(String remembered, String acceptLanguage) {
        if (remembered != null && Messages.LANGUAGES.contains(remembered)) {
            return remembered;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
                String tag = Locale.lookupTag(ranges, Messages.LANGUAGES);
                if (tag != null) {
                    return tag;
                }
            } catch (IllegalArgumentException malformed) {
                return fallback;
            }
        }
        return fallback;
    }

    /** The labels for a request of {@code session} (null before login). */
    Messages messages(OperatorSession session, String acceptLanguage) {
        return Messages.of(choose(session == null ? null : session.language(), acceptLanguage), zone);
    }

    /** The deployment's zone. */
    ZoneId zone() {
        return zone;
    }
}
