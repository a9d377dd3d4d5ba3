package org.mlagateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import org.bouncycastle.crypto.modes.gcm.GCMMultiplier;
import org.bouncycastle.crypto.modes.gcm.Tables64kGCMMultiplier;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * AES-GCM of one attachment part, laid out as XML Encryption 1.1 §5.2.4 lays out every GCM cipher
 * text: the 12-byte IV, the cipher text, the 16-byte tag. Both directions stream, holding a buffer
 * and never the part.
 *
 * <p>Decryption cannot use the JDK's GCM, which keeps the whole cipher text until it has checked
 * the tag. It runs GCM's own two halves instead (NIST SP 800-38D §7.2): the counter mode that
 * decrypts, on the JDK's AES (hardware accelerated), and GHASH over the cipher text for the tag.
 * Plain text therefore leaves this stream before the tag is checked: the reader must treat it as
 * unverified until the stream has ended, which is when a wrong tag fails with
 * {@code DecryptionFailed}. The document store does exactly that: it keeps a file only once the
 * stream has ended and the content's SHA-256 matches the signed one.
 */
public final class AttachmentCipher {
    static final int IV = 12;
    static final int TAG = 16;
    private static final int BLOCK = 16;
    private static final int CHUNK = 64 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AttachmentCipher() {}

    /** The length on the wire of a part of {@code plainLength} bytes. */
    public static long encryptedLength(long plainLength) {
        return IV + plainLength + TAG;
    }

    /** The encrypted part, under a fresh random IV, read lazily from {@code plain}. */
    public static InputStream encrypt(SecretKey key, InputStream plain) {
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
            return new Encrypting(cipher, iv, plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The plain text of an encrypted part, read lazily from {@code encrypted}; the tag is checked
     * when the stream ends, and a mismatch (or a part too short to hold an IV and a tag) throws
     * {@code GatewayException(DECRYPTION_FAILED)}.
     */
    public static InputStream decrypt(SecretKey key, InputStream encrypted) {
        return new Decrypting(key, encrypted);
    }

    private static final class Encrypting extends InputStream {
        private final Cipher cipher;
        private final InputStream plain;
        private final byte[] in = new byte[CHUNK];
        private byte[] out;
        private int pos;
        private boolean done;

        Encrypting(Cipher cipher, byte[] iv, InputStream plain) {
            this.cipher = cipher;
            this.plain = plain;
            this.out = iv.clone();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (out == null || pos == out.length) {
                if (done) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, out.length - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        private void fill() throws IOException {
            int n = plain.read(in);
            try {
                if (n < 0) {
                    out = cipher.doFinal();
                    done = true;
                } else {
                    out = cipher.update(in, 0, n);
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM encryption failed", e);
            }
            pos = 0;
            if (out == null) {
                out = new byte[0];
            }
        }

        @Override
        public void close() throws IOException {
            plain.close();
        }
    }

    private static final class Decrypting extends InputStream {
        private final SecretKey key;
        private final InputStream encrypted;
        private Cipher ctr;
        private GCMMultiplier ghash;
        private final byte[] x = new byte[BLOCK];
        private final byte[] partial = new byte[BLOCK];
        private int partialLength;
        private long cipherBytes;
        private byte[] tagMask;
        /** Read ahead: the last 16 bytes read may be the tag, so they are held back. */
        private final byte[] buffer = new byte[CHUNK + TAG];

        private int buffered;
        private byte[] out = new byte[0];
        private int pos;
        private boolean ended;

        Decrypting(SecretKey key, InputStream encrypted) {
            this.key = key;
            this.encrypted = encrypted;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ctr == null) {
                start();
            }
            while (pos == out.length) {
                if (ended) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, out.length - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        private void start() throws IOException {
            byte[] iv = encrypted.readNBytes(IV);
            if (iv.length != IV) {
                throw failed("the part is shorter than an IV");
            }
            try {
                Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
                ecb.init(Cipher.ENCRYPT_MODE, key);
                byte[] h = ecb.doFinal(new byte[BLOCK]);
                byte[] j0 = new byte[BLOCK];
                System.arraycopy(iv, 0, j0, 0, IV);
                j0[BLOCK - 1] = 1;
                tagMask = ecb.doFinal(j0);
                byte[] first = j0.clone();
                first[BLOCK - 1] = 2;
                ctr = Cipher.getInstance("AES/CTR/NoPadding");
                ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(first));
                ghash = new Tables64kGCMMultiplier();
                ghash.init(h);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES is not available", e);
            }
        }

        private void fill() throws IOException {
            int n = encrypted.read(buffer, buffered, buffer.length - buffered);
            if (n < 0) {
                finish();
                return;
            }
            buffered += n;
            int ready = buffered - TAG;
            if (ready <= 0) {
                out = new byte[0];
                pos = 0;
                return;
            }
            hash(buffer, 0, ready);
            out = ctr.update(buffer, 0, ready);
            if (out == null) {
                out = new byte[0];
            }
            pos = 0;
            System.arraycopy(buffer, ready, buffer, 0, TAG);
            buffered = TAG;
        }

        private void finish() throws IOException {
            ended = true;
            if (buffered != TAG) {
                throw failed("the part is shorter than its tag");
            }
            try {
                out = ctr.doFinal();
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-CTR failed", e);
            }
            pos = 0;
            if (partialLength > 0) {
                java.util.Arrays.fill(partial, partialLength, BLOCK, (byte) 0);
                block(partial, 0);
            }
            byte[] lengths = new byte[BLOCK];
            long bits = cipherBytes * 8;
            for (int i = 0; i < 8; i++) {
                lengths[BLOCK - 1 - i] = (byte) (bits >>> (8 * i));
            }
            block(lengths, 0);
            byte[] tag = new byte[TAG];
            for (int i = 0; i < TAG; i++) {
                tag[i] = (byte) (x[i] ^ tagMask[i]);
            }
            if (!MessageDigest.isEqual(tag, java.util.Arrays.copyOf(buffer, TAG))) {
                out = new byte[0];
                throw failed("the tag does not match");
            }
        }

        /** GHASH over cipher text, in whole blocks, keeping a partial block for the next call. */
        private void hash(byte[] data, int off, int len) {
            cipherBytes += len;
            int i = off;
            int end = off + len;
            if (partialLength > 0) {
                int take = Math.min(BLOCK - partialLength, len);
                System.arraycopy(data, i, partial, partialLength, take);
                partialLength += take;
                i += take;
                if (partialLength < BLOCK) {
                    return;
                }
                block(partial, 0);
                partialLength = 0;
            }
            for (; i + BLOCK <= end; i += BLOCK) {
                block(data, i);
            }
            partialLength = end - i;
            System.arraycopy(data, i, partial, 0, partialLength);
        }

        private void block(byte[] data, int off) {
            for (int k = 0; k < BLOCK; k++) {
                x[k] ^= data[off + k];
            }
            ghash.multiplyH(x);
        }

        @Override
        public void close() throws IOException {
            encrypted.close();
        }

        private static GatewayException failed(String detail) {
            return new GatewayException(ErrorCode.DECRYPTION_FAILED, "attachment decryption failed: " + detail);
        }
    }
}
