package org.mlagateway.store;

import java.io.InputStream;

/**
 * Encryption at rest of the large values (envelopes, message XML, documents and translations), as
 * the store sees it: a value goes in as a stream of known length and comes out as a sealed stream
 * of a length known in advance, and back. The store holds no key and does no cryptography
 * (docs/architecture.md); the implementation lives in {@code atrest} and {@code Gateway} wires it.
 *
 * <p>{@code binding} names the row and column a value belongs to ({@link Sealing#binding}); a value
 * opened under another binding than it was sealed under (moved to another row or column) fails,
 * as does any change to its bytes, its truncation or the reordering of its parts: {@link #open}'s
 * stream then throws {@code GatewayException(STORED_DATA_UNREADABLE)} (unchecked) when it reaches
 * the damage. Implementations are thread-safe.
 */
public interface ContentSealer {
    /** Makes sure a data key for new values is at hand; called outside any transaction of the store. */
    void prepare();

    /** The length of the sealed form of a value of {@code plainLength} bytes. */
    long sealedLength(long plainLength);

    /** The sealed form of {@code plain}, which holds exactly {@code plainLength} bytes; read lazily. */
    InputStream seal(String binding, InputStream plain, long plainLength);

    /** The plain value of a sealed one, verified as it is read. */
    InputStream open(String binding, InputStream sealed);

    /**
     * The plain value of a sealed one from {@code plainOffset} on, verified as it is read: a
     * sealer whose layout allows it skips the sealed bytes before that offset unread (which needs
     * {@code sealed} to skip cheaply, as a file's stream does); this default decrypts them.
     */
    default InputStream open(String binding, InputStream sealed, long plainOffset) {
        InputStream plain = open(binding, sealed);
        try {
            plain.skipNBytes(plainOffset);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("skip in stored value " + binding, e);
        }
        return plain;
    }

    /** Makes the sealer for one store from that store's data keys. */
    interface Factory {
        ContentSealer start(DataKeys keys);
    }
}
