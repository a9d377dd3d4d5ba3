package org.mlagateway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageStatusTest {
    @Test
    void storedValues_areTheOnesStoredToday() {
        assertEquals(
                List.of("RECEIVED", "QUEUED", "RETRYING", "DELIVERED", "FAILED"),
                Arrays.stream(MessageStatus.values()).map(MessageStatus::dbName).toList());
        for (MessageStatus s : MessageStatus.values()) {
            assertEquals(s, MessageStatus.fromDb(s.dbName()));
        }
    }

    @Test
    void unknownStoredValue_isAStoreException() {
        StoreException e = assertThrows(StoreException.class, () -> MessageStatus.fromDb("delivered"));
        assertTrue(e.getMessage().contains("delivered"), e.getMessage());
        assertThrows(StoreException.class, () -> MessageStatus.fromDb(LogQuery.REJECTED));
    }

    @Test
    void onlyDeliveredAndFailed_areFinal() {
        assertEquals(
                List.of(MessageStatus.DELIVERED, MessageStatus.FAILED),
                Arrays.stream(MessageStatus.values())
                        .filter(MessageStatus::isFinal)
                        .toList());
    }
}
