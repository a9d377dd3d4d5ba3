package org.mlagateway.store;

import java.util.List;

/** One page of a {@link LogQuery}, newest first; {@code next} is the cursor of the next page, or null at the end. */
public record LogPage(List<LogRow> rows, String next) {
    public LogPage {
        rows = List.copyOf(rows);
    }
}
