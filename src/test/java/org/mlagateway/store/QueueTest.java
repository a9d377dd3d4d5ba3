package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueueTest {
    @Test
    void everyQueue_readsBackFromItsDatabaseName() {
        for (Queue q : Queue.values()) {
            assertEquals(q, Queue.fromDb(q.dbName()));
            assertEquals(Optional.of(q), Queue.named(q.dbName()));
            assertEquals(q.dbName(), q.toString());
        }
    }

    @Test
    void databaseNames_areTheOnesStoredToday() {
        assertEquals("forwarding", Queue.FORWARDING.dbName());
        assertEquals("translation", Queue.TRANSLATION.dbName());
        assertEquals("translation-outbound", Queue.TRANSLATION_OUTBOUND.dbName());
        assertEquals("send", Queue.SEND.dbName());
    }

    @Test
    void unknownName_isNoQueue() {
        assertEquals(Optional.empty(), Queue.named("FORWARDING"));
        assertEquals(Optional.empty(), Queue.named(null));
        StoreException e = assertThrows(StoreException.class, () -> Queue.fromDb("poison"));
        assertTrue(e.getMessage().contains("poison"), e.getMessage());
    }

    @Test
    void onlyTranslationQueues_needATranslator() {
        assertTrue(Queue.TRANSLATION.needsTranslator());
        assertTrue(Queue.TRANSLATION_OUTBOUND.needsTranslator());
        assertFalse(Queue.FORWARDING.needsTranslator());
        assertFalse(Queue.SEND.needsTranslator());
    }
}
