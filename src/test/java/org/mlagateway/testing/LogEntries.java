package org.mlagateway.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.MessageLog;

/** Reads a test gateway's log the way evidence does, page by page along the chain. */
public final class LogEntries {
    private static final int PAGE = 500;

    private LogEntries() {}

    /** The newest {@code max} entries of one event, newest first. */
    public static List<LogEntry> latest(MessageLog log, String event, int max) {
        List<LogEntry> found = new ArrayList<>();
        long head = log.logHeadSeq();
        long after = 0;
        while (after < head) {
            List<LogEntry> page = log.logPage(after, head, PAGE);
            if (page.isEmpty()) {
                break;
            }
            page.stream().filter(e -> event.equals(e.event())).forEach(found::add);
            after = page.get(page.size() - 1).seq();
        }
        Collections.reverse(found);
        return found.size() > max ? found.subList(0, max) : found;
    }
}
