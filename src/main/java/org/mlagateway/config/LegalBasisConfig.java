package org.mlagateway.config;

import java.util.List;
import java.util.Objects;

/**
 * An instrument in force with a partner, e.g. {@code CIS-MINSK-1993}, and the request types it
 * covers (all types when the list is empty). Used to flag, never to refuse (docs/domain.md).
 */
public record LegalBasisConfig(
        String instrument, @OptionalKey List<String> requestTypes) {
    public LegalBasisConfig {
        Objects.requireNonNull(instrument, "instrument");
        requestTypes = requestTypes == null ? List.of() : List.copyOf(requestTypes);
    }

    public boolean covers(String requestType) {
        return requestTypes.isEmpty() || requestTypes.contains(requestType);
    }
}
