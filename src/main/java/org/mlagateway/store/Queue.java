package org.mlagateway.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The work queues (docs/domain.md#queues). An incoming item waits in {@link #TRANSLATION} when a
 * document needs translating, then in {@link #FORWARDING} for its domestic body; an outgoing
 * message waits in {@link #TRANSLATION_OUTBOUND} when its partner needs a language its documents
 * lack, then in {@link #SEND} for the sender. The name is the same in the database ({@code
 * queue_items.queue_name}), the log details, the internal API and the pages; it is read here only.
 */
public enum Queue {
    FORWARDING("forwarding"),
    TRANSLATION("translation"),
    TRANSLATION_OUTBOUND("translation-outbound"),
    SEND("send");

    private final String name;

    Queue(String name) {
        this.name = name;
    }

    /** The name as stored in {@code queue_items.queue_name} and shown to clients. */
    public String dbName() {
        return name;
    }

    /** Whether a translator works this queue (rather than a domestic system or the sender). */
    public boolean needsTranslator() {
        return this == TRANSLATION || this == TRANSLATION_OUTBOUND;
    }

    /** The queue a client names (a path segment of the internal API), if there is one by that name. */
    public static Optional<Queue> named(String name) {
        for (Queue q : values()) {
            if (q.name.equals(name)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /**
     * The queue a stored row names.
     *
     * @throws StoreException when the database holds a name this gateway does not know
     */
    static Queue fromDb(String name) {
        Objects.requireNonNull(name, "queue_name");
        return named(name).orElseThrow(() -> new StoreException("unknown queue name in the database: " + name));
    }

    @Override
    public String toString() {
        return name;
    }
}
