package org.mlagateway.config;

import java.util.List;

/**
 * The conditions of a routing rule. Each list, when given, must contain the message's value (for
 * lists in the message such as measures: share at least one value). Absent lists match anything.
 */
public record RuleMatch(
        @OptionalKey List<String> kinds,
        @OptionalKey List<String> requestTypes,
        @OptionalKey List<String> partners,
        @OptionalKey List<String> instruments,
        @OptionalKey List<String> urgency,
        @OptionalKey List<String> measures,
        @OptionalKey List<String> offenceCategories) {

    public RuleMatch {
        kinds = copy(kinds);
        requestTypes = copy(requestTypes);
        partners = copy(partners);
        instruments = copy(instruments);
        urgency = copy(urgency);
        measures = copy(measures);
        offenceCategories = copy(offenceCategories);
    }

    public boolean isEmpty() {
        return kinds.isEmpty()
                && requestTypes.isEmpty()
                && partners.isEmpty()
                && instruments.isEmpty()
                && urgency.isEmpty()
                && measures.isEmpty()
                && offenceCategories.isEmpty();
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
