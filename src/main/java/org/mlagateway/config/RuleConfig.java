package org.mlagateway.config;

import java.util.Objects;

/** One routing rule: a match (absent for the default rule), the target domestic body and a priority. */
public record RuleConfig(
        String name,
        @OptionalKey RuleMatch match,
        String target,
        @OptionalKey Integer priority) {
    public static final int DEFAULT_PRIORITY = 5;

    public RuleConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        priority = priority != null ? priority : DEFAULT_PRIORITY;
        if (priority < 0 || priority > 9) {
            throw new IllegalArgumentException("priority must be between 0 (lowest) and 9 (highest)");
        }
    }

    public boolean isDefault() {
        return match == null || match.isEmpty();
    }
}
