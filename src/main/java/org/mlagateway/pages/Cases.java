package org.mlagateway.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mlagateway.message.MessageCodec;
import org.mlagateway.message.xml.ChannelDetails;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.OriginalToFollow;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredDocument;
import org.mlagateway.store.StoredMessage;

/**
 * One conversation as a case: its messages in the order they were made, each with its documents (a
 * translation beside the document it translates), its queue items (forwarding to a domestic body and
 * its ack) and clocks; and, for each copy whose header says {@code OriginalToFollow}, its original.
 *
 * <p>The original of a copy (common.xsd {@code ChannelDetails/OriginalToFollow}; ETS 24 Art. 16(3)) is
 * the first later message of the same conversation, direction, partner and kind whose primary channel is
 * the channel the copy named, and which is not itself a copy. Until it is stored the case shows "original
 * expected by" the copy's {@code ExpectedBy}; from the day after that date (UTC) the copy is overdue.
 */
final class Cases {
    private final MessageReads store;
    private final MessageCodec codec;

    Cases(MessageReads store, MessageCodec codec) {
        this.store = store;
        this.codec = codec;
    }

    /** A document of the case; {@code translates} the document it translates, or null. */
    record Doc(StoredDocument doc, StoredDocument translates) {}

    /** A message of the case with its channel, documents and queue items. */
    record Item(StoredMessage message, Instant at, String channel, List<Doc> documents, List<QueueItem> items) {}

    /** A copy sent ahead of its original: where the original comes from, by when, and whether it came. */
    record Follow(StoredMessage copy, String channel, LocalDate expectedBy, StoredMessage original, boolean overdue) {}

    /** A clock of the case: an open queue item's due date. */
    record Clock(StoredMessage message, QueueItem item, boolean overdue) {}

    record Case(String conversationId, List<Item> items, List<Follow> follows, List<Clock> clocks) {
        boolean overdue() {
            return follows.stream().anyMatch(Follow::overdue) || clocks.stream().anyMatch(Clock::overdue);
        }
    }

    /** The case of {@code conversationId}; its items empty when no message of it is stored. */
    Case of(String conversationId, Instant now) {
        List<StoredMessage> messages = store.conversation(conversationId).stream()
                .sorted(Comparator.comparing(StoredMessage::createdAt).thenComparing(StoredMessage::pk))
                .toList();
        Map<Long, Message> parsed =
                messages.stream().collect(Collectors.toMap(StoredMessage::pk, m -> codec.read(m.messageXml())));
        List<StoredDocument> all =
                messages.stream().flatMap(m -> store.documents(m.pk()).stream()).toList();
        Map<String, StoredDocument> bySha =
                all.stream().collect(Collectors.toMap(StoredDocument::sha256, Function.identity(), (a, b) -> a));
        List<Item> items = new ArrayList<>();
        List<Clock> clocks = new ArrayList<>();
        List<Follow> follows = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            StoredMessage m = messages.get(i);
            ChannelDetails channel = parsed.get(m.pk()).getHeader().getChannel();
            List<QueueItem> queue = store.queueItemsOf(m.pk());
            List<Doc> docs = all.stream()
                    .filter(d -> d.messagePk() == m.pk())
                    .map(d -> new Doc(d, d.translationOf() == null ? null : bySha.get(d.translationOf())))
                    .toList();
            items.add(new Item(
                    m,
                    m.receivedAt() != null ? m.receivedAt() : m.createdAt(),
                    channel == null || channel.getPrimary() == null
                            ? null
                            : channel.getPrimary().value(),
                    docs,
                    queue));
            for (QueueItem q : queue) {
                if (q.dueAt() != null && q.state() != QueueItem.State.DONE) {
                    clocks.add(new Clock(m, q, q.dueAt().isBefore(now)));
                }
            }
            OriginalToFollow follow = channel == null ? null : channel.getOriginalToFollow();
            if (follow != null) {
                StoredMessage original = original(m, follow, messages.subList(i + 1, messages.size()), parsed);
                LocalDate by = follow.getExpectedBy();
                boolean overdue = original == null
                        && by != null
                        && now.isAfter(
                                by.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
                follows.add(new Follow(m, follow.getChannel().value(), by, original, overdue));
            }
        }
        return new Case(conversationId, items, follows, clocks);
    }

    private static StoredMessage original(
            StoredMessage copy, OriginalToFollow follow, List<StoredMessage> later, Map<Long, Message> parsed) {
        for (StoredMessage m : later) {
            ChannelDetails c = parsed.get(m.pk()).getHeader().getChannel();
            if (m.direction() == copy.direction()
                    && m.partner().equals(copy.partner())
                    && m.kind().equals(copy.kind())
                    && c != null
                    && c.getPrimary() == follow.getChannel()
                    && c.getOriginalToFollow() == null) {
                return m;
            }
        }
        return null;
    }
}
