package org.mlagateway.config;

import java.util.Objects;
import java.util.regex.Pattern;

/** Our own central authority, as named in {@code msg:Header/Recipient} of what we accept. */
public record AuthorityConfig(String id, String country, String name) {
    static final Pattern AUTHORITY_ID = Pattern.compile("[A-Z]{2}-[A-Z0-9]+(-[A-Z0-9]+)*");
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    public AuthorityConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(name, "name");
        requireMatch(AUTHORITY_ID, id, "an authority id such as KZ-GPO");
        requireMatch(COUNTRY, country, "an ISO 3166-1 alpha-2 country code such as KZ");
    }

    static void requireMatch(Pattern pattern, String value, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not " + expected);
        }
    }
}
