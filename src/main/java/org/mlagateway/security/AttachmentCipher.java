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
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * AES-GCM of one attachment part, laid out as XML Encryption 1.1 §5.2.4 lays out every GCM cipher
 * text: the 12-byte IV, the cipher text, the 16-byte tag. Both directions stream, holding a buffer
 * and never the part.
 *
 * <p>Decryption cannot use the JDK's GCM, which keeps the whole cipher text until it has checked
 * the tag. It decrypts with GCM's own counter mode (NIST SP 800-38D §7.2, counter blocks from
 * J0 + 1) instead, and gets the tag to compare by running the sender's GCM encryption, same key
 * and IV, over the recovered plain text: it rebuilds the same cipher text, so its tag is the one
 * GHASH gives over what arrived. Both run on the JDK's hardware-accelerated AES and GHASH.
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
        /** The same GCM encryption the sender ran, over the recovered plain text: it yields the tag to compare. */
        private Cipher check;

        private byte[] scratch = new byte[CHUNK + 2 * BLOCK];
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
                // GCM's counter blocks start at J0 + 1, J0 = IV | 0 0 0 1 for a 96-bit IV.
                byte[] first = new byte[BLOCK];
                System.arraycopy(iv, 0, first, 0, IV);
                first[BLOCK - 1] = 2;
                ctr = Cipher.getInstance("AES/CTR/NoPadding");
                ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(first));
                check = Cipher.getInstance("AES/GCM/NoPadding");
                check.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
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
            try {
                out = ctr.update(buffer, 0, ready);
                if (out == null) {
                    out = new byte[0];
                }
                check.update(out, 0, out.length, scratch, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed", e);
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
            byte[] tag;
            try {
                out = ctr.doFinal();
                int n = check.update(out, 0, out.length, scratch, 0);
                int last = check.doFinal(scratch, n);
                tag = java.util.Arrays.copyOfRange(scratch, n + last - TAG, n + last);
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed", e);
            }
            pos = 0;
            if (!MessageDigest.isEqual(tag, java.util.Arrays.copyOf(buffer, TAG))) {
                out = new byte[0];
                throw failed("the tag does not match");
            }
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
