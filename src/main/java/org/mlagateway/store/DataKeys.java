package org.mlagateway.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The data keys of encryption at rest, as the store keeps them: wrapped (encrypted) by a
 * key-encryption key that the store never sees, and named by that key's alias. One row
 * ({@code at_rest}) records which key-encryption key wraps new data keys. The wrapping and
 * unwrapping happen in the {@link ContentSealer}'s implementation.
 */
public interface DataKeys {
    /** One data key as stored. */
    record WrappedKey(long id, String kekAlias, byte[] wrapped, Instant createdAt) {
        public WrappedKey {
            wrapped = wrapped.clone();
        }

        @Override
        public byte[] wrapped() {
            return wrapped.clone();
        }
    }

    /** The key-encryption key that wraps new data keys; empty until the first data key exists. */
    Optional<String> currentKek();

    Optional<WrappedKey> find(long id);

    /** The newest data key wrapped by the current key-encryption key, if any. */
    Optional<WrappedKey> newest();

    /**
     * Stores a new data key: {@code wrapUnder} is given the current key-encryption key's alias
     * ({@code initialKek} on a store that has none yet) and answers the wrapped key. Runs in one
     * transaction that holds the {@code at_rest} row, so it never interleaves with a rotation.
     */
    WrappedKey create(String initialKek, Function<String, byte[]> wrapUnder);

    /**
     * Re-wraps every data key under {@code newKek} in one transaction, holding the {@code at_rest}
     * row: {@code rewrap} is given each key as stored and answers it wrapped under {@code newKek}.
     * Then {@code newKek} wraps new data keys. Readers keep reading throughout. Returns the number
     * of keys re-wrapped.
     */
    int rotate(String newKek, Function<WrappedKey, byte[]> rewrap);

    /** Every data key, oldest first. */
    List<WrappedKey> all();
}
