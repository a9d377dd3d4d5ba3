package org.mlagateway.security;

import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code ds:Reference} of a signature: what was signed and its digest. A receipt's
 * non-repudiation information repeats these for every reference of the sender's signature.
 */
public record SignedReference(String uri, String digestMethod, byte[] digestValue) {
    public SignedReference {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(digestMethod, "digestMethod");
        digestValue = digestValue.clone();
    }

    @Override
    public byte[] digestValue() {
        return digestValue.clone();
    }

    public boolean sameDigest(SignedReference other) {
        return digestMethod.equals(other.digestMethod) && Arrays.equals(digestValue, other.digestValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedReference r && uri.equals(r.uri) && sameDigest(r);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, digestMethod, Arrays.hashCode(digestValue));
    }
}
