package org.mlagateway.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mlagateway.config.ApiRole;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.xml.Header;
import org.mlagateway.store.Direction;
import org.mlagateway.store.MessageReads;
import org.mlagateway.store.QueueItem;
import org.mlagateway.store.StoredMessage;

/**
 * Who may see a stored message, and who may reply in a conversation. Each message is judged on its
 * own (it is one row: direction, partner and id), so that a partner reusing one of our message ids
 * neither shows its message to our submitter nor hides ours from it.
 * <ul>
 *   <li>Operators (and admins) see every message; so do auditors, with person fields masked.</li>
 *   <li>An outgoing message is seen by the domestic body whose client submitted it.</li>
 *   <li>An incoming message is seen by the body it was routed to, and by translators once it was
 *       in a translation queue.</li>
 *   <li>A reply ({@code InReplyTo}) may be submitted only by a body that owns an item of the
 *       conversation it replies in: an incoming item routed to it, or an outgoing message one of
 *       its clients submitted there. Admins may reply anywhere.</li>
 * </ul>
 */
final class Visibility {
    private final MessageReads store;
    private final ApiClients clients;

    Visibility(MessageReads store, ApiClients clients) {
        this.store = store;
        this.clients = clients;
    }

    boolean canSee(Caller caller, StoredMessage m) {
        if (caller.has(ApiRole.OPERATOR) || caller.has(ApiRole.AUDITOR)) {
            return true;
        }
        if (m.direction() == Direction.OUT) {
            return ownedBy(caller.body(), m);
        }
        List<QueueItem> items = store.queueItemsOf(m.pk());
        return ownedBy(caller.body(), m, items)
                || caller.has(ApiRole.TRANSLATOR)
                        && items.stream().anyMatch(i -> i.queue().needsTranslator());
    }

    /**
     * Refuses (403) a reply the caller's body may not make. The conversation is the one of the
     * message replied to (our outgoing one, or one received from that partner); when that is not
     * stored, or the reply names the same conversation, it is the reply's own.
     */
    void requireMayReply(Caller caller, Header header, String partner) {
        String inReplyTo = header.getInReplyTo();
        if (inReplyTo == null || inReplyTo.isBlank() || caller.has(ApiRole.ADMIN)) {
            return;
        }
        List<StoredMessage> replied = store.messagesById(inReplyTo.strip()).stream()
                .filter(m -> m.partner().equals(partner))
                .toList();
        Set<String> conversations = new LinkedHashSet<>();
        if (replied.isEmpty()
                || replied.stream().anyMatch(m -> header.getConversationId().equals(m.conversationId()))) {
            conversations.add(header.getConversationId());
        } else {
            replied.forEach(m -> conversations.add(m.conversationId()));
        }
        String body = caller.body();
        for (String conversation : conversations) {
            boolean owns = body != null
                    && conversation != null
                    && store.conversation(conversation).stream().anyMatch(m -> ownedBy(body, m));
            if (!owns) {
                throw new GatewayException(
                        ErrorCode.FORBIDDEN,
                        "client " + caller.name() + " may not reply in" + " conversation " + conversation
                                + ": its body owns no item of it");
            }
        }
    }

    private boolean ownedBy(String body, StoredMessage m) {
        return ownedBy(body, m, m.direction() == Direction.IN ? store.queueItemsOf(m.pk()) : List.of());
    }

    private boolean ownedBy(String body, StoredMessage m, List<QueueItem> items) {
        if (body == null) {
            return false;
        }
        if (m.direction() == Direction.OUT) {
            return store.submitter(m.pk())
                    .map(clients::bodyOf)
                    .filter(body::equals)
                    .isPresent();
        }
        return items.stream().map(QueueItem::target).anyMatch(body::equals);
    }
}
