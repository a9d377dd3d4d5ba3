package org.mlagateway.config;

import java.util.List;
import java.util.Objects;

/**
 * Where incoming items go. Rules are evaluated in order and the first match wins; the last rule
 * must be the default (no {@code match}). Documents outside the working languages go through the
 * translation queue first.
 */
public record RoutingConfig(@OptionalKey List<String> workingLanguages, List<String> bodies, List<RuleConfig> rules) {
    public static final List<String> DEFAULT_WORKING_LANGUAGES = List.of("kk", "ru");

    public RoutingConfig {
        workingLanguages = workingLanguages == null || workingLanguages.isEmpty()
                ? DEFAULT_WORKING_LANGUAGES
                : List.copyOf(workingLanguages);
        bodies = List.copyOf(Objects.requireNonNull(bodies, "bodies"));
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }
}
