package org.mlagateway.security.token;

import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.AsymmetricBlockCipher;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.util.DigestFactory;
import org.mlagateway.security.pki.IssuedKey;

/**
 * RSA-OAEP decryption with a private key that never leaves its token. The JDK 17 SunPKCS11 provider
 * offers no OAEP, so the token computes the raw RSA operation (cipher {@code RSA/ECB/NoPadding},
 * mechanism CKM_RSA_X_509) and BouncyCastle's {@link OAEPEncoding} checks and removes the OAEP
 * encoding in software (RFC 8017 §7.1.2), with the same hash for the label and for MGF1, as the
 * exchange profile prescribes (docs/protocol.md, docs/pkcs11.md). Every failure, whatever its cause,
 * is the same {@link BadPaddingException}, so that callers cannot become a padding oracle.
 */
public final class TokenOaep {
    private TokenOaep() {}

    /**
     * The message inside an OAEP block, decrypted with {@code key} (a token key, or a key in memory),
     * {@code digest} being {@code SHA-256}, {@code SHA-384} or {@code SHA-512} and {@code label} the
     * OAEP parameters (empty when none).
     */
    public static byte[] decrypt(IssuedKey key, byte[] block, String digest, byte[] label)
            throws GeneralSecurityException {
        int k = (((RSAPublicKey) key.certificate().getPublicKey()).getModulus().bitLength() + 7) / 8;
        if (block.length > k) {
            throw new BadPaddingException("the block is longer than the key");
        }
        byte[] input = new byte[k];
        System.arraycopy(block, 0, input, k - block.length, block.length);
        Cipher raw = key.inToken()
                ? Cipher.getInstance("RSA/ECB/NoPadding", key.provider())
                : Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, key.privateKey());
        byte[] out = raw.doFinal(input);
        if (out.length > k) {
            throw new BadPaddingException("the token returned more than a block");
        }
        byte[] em = new byte[k];
        System.arraycopy(out, 0, em, k - out.length, out.length);
        return decode(em, digest(digest), label);
    }

    /** The OAEP decoding of an encoded block {@code em} of the modulus' length. */
    static byte[] decode(byte[] em, Digest hash, byte[] label) throws BadPaddingException {
        // The leading byte must be zero; it is judged with the rest, never on its own.
        boolean leadingZero = em[0] == 0;
        OAEPEncoding oaep = new OAEPEncoding(new Decoded(em.length), hash, cloneDigest(hash), label);
        oaep.init(false, null);
        byte[] message = null;
        try {
            message = oaep.processBlock(em, 1, em.length - 1);
        } catch (InvalidCipherTextException | RuntimeException e) {
            message = null;
        } finally {
            Arrays.fill(em, (byte) 0);
        }
        if (message == null || !leadingZero) {
            throw new BadPaddingException("not a valid OAEP block");
        }
        return message;
    }

    private static Digest digest(String name) throws GeneralSecurityException {
        return switch (name) {
            case "SHA-256" -> DigestFactory.createSHA256();
            case "SHA-384" -> DigestFactory.createSHA384();
            case "SHA-512" -> DigestFactory.createSHA512();
            default -> throw new GeneralSecurityException("OAEP with " + name + " is outside the profile");
        };
    }

    private static Digest cloneDigest(Digest d) {
        return DigestFactory.cloneDigest(d);
    }

    /**
     * The RSA step as OAEPEncoding sees it: the token has already done it, so this hands on the
     * encoded block without its leading byte ({@code k - 1} bytes, as an RSA engine returns it).
     */
    private static final class Decoded implements AsymmetricBlockCipher {
        private final int k;

        Decoded(int k) {
            this.k = k;
        }

        @Override
        public void init(boolean forEncryption, CipherParameters param) {
            if (forEncryption) {
                throw new UnsupportedOperationException("decoding only");
            }
        }

        @Override
        public int getInputBlockSize() {
            return k;
        }

        @Override
        public int getOutputBlockSize() {
            return k - 1;
        }

        @Override
        public byte[] processBlock(byte[] in, int inOff, int len) {
            return Arrays.copyOfRange(in, inOff, inOff + len);
        }
    }
}
