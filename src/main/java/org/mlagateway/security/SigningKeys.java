package org.mlagateway.security;

import java.time.Instant;
import java.util.Objects;
import org.mlagateway.security.pki.IssuedKey;

/**
 * Our signing key over time: the current key, and in a rollover (docs/key-rollover.md) the next key
 * that signs from {@code from} on. Which one signs is decided at each signature by the instant of the
 * gateway's clock, so the switch needs no restart.
 */
public record SigningKeys(IssuedKey current, IssuedKey next, Instant from) {
    public SigningKeys {
        Objects.requireNonNull(current, "current");
        if ((next == null) != (from == null)) {
            throw new IllegalArgumentException("a next signing key comes with the instant it starts signing");
        }
    }

    /** Just one key, no rollover. */
    public static SigningKeys single(IssuedKey key) {
        return new SigningKeys(key, null, null);
    }

    /** The key that signs at {@code at}. */
    public IssuedKey at(Instant at) {
        return next != null && !at.isBefore(from) ? next : current;
    }
}
