package org.mlagateway.api;

import java.time.Instant;
import java.util.List;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.PersonFields;
import org.mlagateway.routing.Translation;
import org.mlagateway.store.LogEntry;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;

/** What the API returns as JSON: plain records, never payload unless asked for by download. */
final class Views {
    private Views() {}

    record Submitted(String messageId, String status, long logSequence, boolean replayed) {}

    record TimelineEntry(long seq, Instant at, String event, String actor, String details) {
        static TimelineEntry of(LogEntry e) {
            return new TimelineEntry(e.seq(), e.at(), e.event(), e.actor(), e.details());
        }
    }

    /**
     * A stored message; {@code timeline} and {@code persons} are null in a conversation's list.
     * {@code persons} are as {@link PersonFields} shows them to the caller: masked for an auditor.
     */
    record MessageView(
            String messageId,
            String direction,
            String partner,
            String kind,
            String requestType,
            String conversationId,
            String inReplyTo,
            String status,
            Instant createdAt,
            List<TimelineEntry> timeline,
            List<PersonFields.Person> persons) {
        static MessageView of(StoredMessage m, List<LogEntry> timeline, PersonFields persons) {
            return new MessageView(
                    m.messageId(),
                    m.direction().name(),
                    m.partner(),
                    m.kind(),
                    m.requestType(),
                    m.conversationId(),
                    m.inReplyTo(),
                    m.status().dbName(),
                    m.createdAt(),
                    timeline == null
                            ? null
                            : timeline.stream().map(TimelineEntry::of).toList(),
                    persons == null ? null : persons.persons());
        }
    }

    record DocumentView(
            String documentId,
            String type,
            String language,
            String mediaType,
            String sha256,
            long size,
            String translationOf) {
        static DocumentView of(StoredDocument d) {
            return new DocumentView(
                    d.documentId(), d.type(), d.language(), d.mediaType(), d.sha256(), d.size(), d.translationOf());
        }
    }

    record ItemView(
            long id,
            String queue,
            String target,
            String state,
            String messageId,
            String conversationId,
            int priority,
            Instant dueAt,
            String flag,
            String flagReason,
            int attempts,
            Instant leaseUntil,
            List<DocumentView> documents) {
        static ItemView of(QueueItem i, List<StoredDocument> documents) {
            return new ItemView(
                    i.id(),
                    i.queue().dbName(),
                    i.target(),
                    i.state().name(),
                    i.messageId(),
                    i.conversationId(),
                    i.priority(),
                    i.dueAt(),
                    i.flag(),
                    i.flagReason(),
                    i.attempts(),
                    i.leaseUntil(),
                    documents == null
                            ? null
                            : documents.stream().map(DocumentView::of).toList());
        }
    }

    record Deadline(ItemView item, boolean overdue) {}

    record Nack(String reason, Integer delaySeconds) {}

    record TranslatedDocument(
            String documentId, String originalSha256, String language, String mediaType, String title, byte[] content) {
        private static final java.util.regex.Pattern DOCUMENT_ID =
                java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,128}");
        private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");
        private static final java.util.regex.Pattern LANGUAGE =
                java.util.regex.Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{1,8})?");
        private static final java.util.regex.Pattern MEDIA_TYPE =
                java.util.regex.Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}");
        static final int MAX_TITLE = 500;

        /**
         * The document to add, once every field is present and well-formed; a missing or malformed
         * field is InvalidRequest naming it (the message schema checks the rest on adding).
         */
        Translation translation() {
            require(
                    "documentId",
                    documentId != null && DOCUMENT_ID.matcher(documentId).matches(),
                    "letters, digits and . _ -, at most 128");
            require(
                    "originalSha256",
                    originalSha256 != null && SHA256.matcher(originalSha256).matches(),
                    "the lower-case hex SHA-256 of the original");
            require("language", language != null && LANGUAGE.matcher(language).matches(), "a language tag such as ru");
            require(
                    "mediaType",
                    mediaType != null && MEDIA_TYPE.matcher(mediaType).matches(),
                    "a media type such as text/plain");
            require(
                    "title",
                    title != null
                            && !title.isBlank()
                            && title.length() <= MAX_TITLE
                            && title.chars().noneMatch(Character::isISOControl),
                    "1-" + MAX_TITLE + " characters, no control characters");
            require("content", content != null && content.length > 0, "the translated document, base64");
            return new Translation(documentId, originalSha256, language, mediaType, title, content);
        }

        private static void require(String field, boolean valid, String expected) {
            if (!valid) {
                throw new GatewayException(
                        ErrorCode.INVALID_REQUEST, "each translated document needs a valid " + field + ": " + expected);
            }
        }
    }

    record TranslationPost(List<TranslatedDocument> documents) {}
}
