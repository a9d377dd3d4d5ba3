package org.mlagateway.api;

import java.time.Instant;
import java.util.List;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;

/** What the API returns as JSON: plain records, never payload unless asked for by download. */
final class Views {
    private Views() {
    }

    record Submitted(String messageId, String status, long logSequence, boolean replayed) {
    }

    record TimelineEntry(long seq, Instant at, String event, String actor, String details) {
        static TimelineEntry of(LogEntry e) {
            return new TimelineEntry(e.seq(), e.at(), e.event(), e.actor(), e.details());
        }
    }

    record MessageView(String messageId, String direction, String partner, String kind, String requestType,
                       String conversationId, String inReplyTo, String status, Instant createdAt,
                       List<TimelineEntry> timeline) {
        static MessageView of(StoredMessage m, List<LogEntry> timeline) {
            return new MessageView(m.messageId(), m.direction().name(), m.partner(), m.kind(), m.requestType(),
                    m.conversationId(), m.inReplyTo(), m.status(), m.createdAt(),
                    timeline == null ? null : timeline.stream().map(TimelineEntry::of).toList());
        }
    }

    record DocumentView(String documentId, String type, String language, String mediaType, String sha256, long size,
                        String translationOf) {
        static DocumentView of(StoredDocument d) {
            return new DocumentView(d.documentId(), d.type(), d.language(), d.mediaType(), d.sha256(), d.size(),
                    d.translationOf());
        }
    }

    record ItemView(long id, String queue, String target, String state, String messageId, String conversationId,
                    int priority, Instant dueAt, String flag, String flagReason, int attempts, Instant leaseUntil,
                    List<DocumentView> documents) {
        static ItemView of(QueueItem i, List<StoredDocument> documents) {
            return new ItemView(i.id(), i.queue(), i.target(), i.state().name(), i.messageId(), i.conversationId(),
                    i.priority(), i.dueAt(), i.flag(), i.flagReason(), i.attempts(), i.leaseUntil(),
                    documents == null ? null : documents.stream().map(DocumentView::of).toList());
        }
    }

    record Deadline(ItemView item, boolean overdue) {
    }

    record Nack(String reason, Integer delaySeconds) {
    }

    record TranslatedDocument(String documentId, String originalSha256, String language, String mediaType,
                              String title, byte[] content) {
    }

    record TranslationPost(List<TranslatedDocument> documents) {
    }
}
