package org.mlagateway.atrest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * How a key-encryption key wraps a data key, wherever it lives: AES-256-GCM, {@code nonce (12 random
 * bytes) | ciphertext | tag}, the additional data naming the alias, so that a wrapped key moved under
 * another alias fails. With a token's provider the cipher runs inside the token and the key never
 * leaves it; the format is the same, so a data key moves between a key store and a token by
 * unwrapping and wrapping again.
 */
final class KekGcm {
    private static final byte[] LABEL = "mla-gateway data key|".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG = 16;

    private KekGcm() {}

    /** {@code dataKey} wrapped under {@code key} named {@code alias}; {@code provider} null: the JVM's. */
    static byte[] wrap(SecretKey key, Provider provider, String alias, byte[] dataKey, SecureRandom random) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, key, provider, nonce, alias, dataKey, 0, dataKey.length);
        return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
    }

    /** The data key inside {@code wrapped}; {@code STORED_DATA_UNREADABLE} when {@code key} did not wrap it. */
    static byte[] unwrap(SecretKey key, Provider provider, String alias, byte[] wrapped) {
        if (wrapped.length <= NONCE + TAG) {
            throw new GatewayException(ErrorCode.STORED_DATA_UNREADABLE, "a wrapped data key is too short");
        }
        return crypt(
                Cipher.DECRYPT_MODE,
                key,
                provider,
                Arrays.copyOf(wrapped, NONCE),
                alias,
                wrapped,
                NONCE,
                wrapped.length - NONCE);
    }

    private static byte[] crypt(
            int mode,
            SecretKey key,
            Provider provider,
            byte[] nonce,
            String alias,
            byte[] data,
            int offset,
            int length) {
        try {
            Cipher cipher = provider == null
                    ? Cipher.getInstance("AES/GCM/NoPadding")
                    : Cipher.getInstance("AES/GCM/NoPadding", provider);
            cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(LABEL);
            cipher.updateAAD(alias.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(data, offset, length);
        } catch (AEADBadTagException e) {
            throw new GatewayException(
                    ErrorCode.STORED_DATA_UNREADABLE,
                    "the key-encryption key '" + alias
                            + "' does not unwrap the data key: it is not the key that wrapped it");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "AES-GCM failed" + (provider == null ? "" : " in " + provider.getName()), e);
        }
    }
}
