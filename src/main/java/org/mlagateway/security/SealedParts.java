package org.mlagateway.security;

import java.io.InputStream;
import javax.crypto.SecretKey;

/**
 * A sealed envelope whose documents travel as attachment parts, and the encryption of those parts:
 * each part's content is encrypted with the envelope's data key (the key the EncryptedKey carries),
 * under a fresh IV, as it is read. A retry seals the message afresh, with a new key.
 */
public final class SealedParts {
    private final SealedEnvelope envelope;
    private final SecretKey dataKey;

    SealedParts(SealedEnvelope envelope, SecretKey dataKey) {
        this.envelope = envelope;
        this.dataKey = dataKey;
    }

    public SealedEnvelope envelope() {
        return envelope;
    }

    /** The encrypted part for a document's content, read lazily from {@code plain}. */
    public InputStream encrypt(InputStream plain) {
        return AttachmentCipher.encrypt(dataKey, plain);
    }

    /** As {@link #encrypt(InputStream)}, for a document of {@code plainLength} bytes (any size). */
    public InputStream encrypt(InputStream plain, long plainLength) {
        return AttachmentCipher.encrypt(dataKey, plain, plainLength);
    }

    /** The length on the wire of the part of a document of {@code plainLength} bytes. */
    public static long encryptedLength(long plainLength) {
        return AttachmentCipher.encryptedLength(plainLength);
    }
}
