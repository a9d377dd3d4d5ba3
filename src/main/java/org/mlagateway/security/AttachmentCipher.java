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

    /**
     * The most the JDK's GCM takes in one operation (its implementation limit); a longer part is
     * encrypted, and its tag checked, with BouncyCastle's GCM and GHASH, which are slower.
     */
    static final long JDK_LIMIT = Integer.MAX_VALUE - 2L * CHUNK;

    /** The encrypted part, under a fresh random IV, read lazily from {@code plain}. */
    public static InputStream encrypt(SecretKey key, InputStream plain) {
        return encrypt(key, plain, 0);
    }

    /** The path of parts beyond the JDK's limit, whatever the size (for tests). */
    static InputStream encryptBeyondJdkLimit(SecretKey key, InputStream plain) {
        return encrypt(key, plain, Long.MAX_VALUE);
    }

    /** The path of parts beyond the JDK's limit, whatever the size (for tests). */
    static InputStream decryptBeyondJdkLimit(SecretKey key, InputStream encrypted) {
        return new Decrypting(key, encrypted, true);
    }

    /** As {@link #encrypt(SecretKey, InputStream)}, for a part of {@code plainLength} bytes. */
    public static InputStream encrypt(SecretKey key, InputStream plain, long plainLength) {
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(iv);
        if (plainLength > JDK_LIMIT) {
            org.bouncycastle.crypto.modes.GCMModeCipher gcm = org.bouncycastle.crypto.modes.GCMBlockCipher.newInstance(
                    org.bouncycastle.crypto.engines.AESEngine.newInstance());
            gcm.init(
                    true,
                    new org.bouncycastle.crypto.params.AEADParameters(
                            new org.bouncycastle.crypto.params.KeyParameter(key.getEncoded()), TAG * 8, iv));
            return new BcEncrypting(gcm, iv, plain);
        }
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
        return new Decrypting(key, encrypted, false);
    }

    /** As {@link #decrypt(SecretKey, InputStream)}, for a part whose plain text has {@code plainLength} bytes. */
    public static InputStream decrypt(SecretKey key, InputStream encrypted, long plainLength) {
        return new Decrypting(key, encrypted, plainLength > JDK_LIMIT);
    }

    /** BouncyCastle's GCM, for parts beyond the JDK's limit: the same layout, IV first. */
    private static final class BcEncrypting extends InputStream {
        private final org.bouncycastle.crypto.modes.GCMModeCipher gcm;
        private final InputStream plain;
        private final byte[] in = new byte[CHUNK];
        private byte[] out;
        private int pos;
        private int end;
        private boolean done;

        BcEncrypting(org.bouncycastle.crypto.modes.GCMModeCipher gcm, byte[] iv, InputStream plain) {
            this.gcm = gcm;
            this.plain = plain;
            this.out = new byte[CHUNK + 2 * TAG];
            System.arraycopy(iv, 0, out, 0, IV);
            this.end = IV;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos == end) {
                if (done) {
                    return -1;
                }
                int n = plain.read(in);
                pos = 0;
                try {
                    if (n < 0) {
                        end = gcm.doFinal(out, 0);
                        done = true;
                    } else {
                        end = gcm.processBytes(in, 0, n, out, 0);
                    }
                } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
                    throw new IOException("AES-GCM encryption failed", e);
                }
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            plain.close();
        }
    }

    /** The JDK's GCM, encrypting into one buffer it reuses (a part of gigabytes allocates nothing per chunk). */
    private static final class Encrypting extends InputStream {
        private final Cipher cipher;
        private final InputStream plain;
        private final byte[] in = new byte[CHUNK];
        /** The IV first, then each chunk's cipher text, and the tag at the end. */
        private final byte[] out = new byte[CHUNK + 2 * TAG];

        private int pos;
        private int end;
        private boolean done;

        Encrypting(Cipher cipher, byte[] iv, InputStream plain) {
            this.cipher = cipher;
            this.plain = plain;
            System.arraycopy(iv, 0, out, 0, IV);
            this.end = IV;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos == end) {
                if (done) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(out, pos, b, off, n);
            pos += n;
            return n;
        }

        private void fill() throws IOException {
            int n = plain.read(in);
            try {
                if (n < 0) {
                    end = cipher.doFinal(out, 0);
                    done = true;
                } else {
                    end = cipher.update(in, 0, n, out, 0);
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES-GCM encryption failed", e);
            }
            pos = 0;
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
        /** The plain text ready to be read: {@code out[pos..end)}; {@code plain} is reused for every chunk. */
        private final byte[] plain = new byte[CHUNK + 2 * BLOCK];

        private byte[] out = plain;
        private int end;
        private int pos;
        private boolean ended;
        /** Beyond the JDK's limit: GHASH over the cipher text with BouncyCastle's multiplier instead. */
        private final boolean bcGhash;

        private org.bouncycastle.crypto.modes.gcm.GCMMultiplier ghash;
        private final byte[] x = new byte[BLOCK];
        private final byte[] partial = new byte[BLOCK];
        private int partialLength;
        private long cipherBytes;
        private byte[] tagMask;

        Decrypting(SecretKey key, InputStream encrypted, boolean bcGhash) {
            this.key = key;
            this.encrypted = encrypted;
            this.bcGhash = bcGhash;
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
            while (pos == end) {
                if (ended) {
                    return -1;
                }
                fill();
            }
            int n = Math.min(len, end - pos);
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
                if (bcGhash) {
                    Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
                    ecb.init(Cipher.ENCRYPT_MODE, key);
                    ghash = new org.bouncycastle.crypto.modes.gcm.Tables64kGCMMultiplier();
                    ghash.init(ecb.doFinal(new byte[BLOCK]));
                    byte[] j0 = first.clone();
                    j0[BLOCK - 1] = 1;
                    tagMask = ecb.doFinal(j0);
                } else {
                    check = Cipher.getInstance("AES/GCM/NoPadding");
                    check.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, iv));
                }
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
            out = plain;
            pos = 0;
            end = 0;
            if (ready <= 0) {
                return;
            }
            try {
                if (bcGhash) {
                    hash(buffer, 0, ready);
                }
                end = ctr.update(buffer, 0, ready, plain, 0);
                if (!bcGhash) {
                    check.update(plain, 0, end, scratch, 0);
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed", e);
            }
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
                end = out.length;
                if (bcGhash) {
                    tag = ghashTag();
                } else {
                    int n = check.update(out, 0, out.length, scratch, 0);
                    int last = check.doFinal(scratch, n);
                    tag = java.util.Arrays.copyOfRange(scratch, n + last - TAG, n + last);
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("AES failed", e);
            }
            pos = 0;
            if (!MessageDigest.isEqual(tag, java.util.Arrays.copyOf(buffer, TAG))) {
                end = 0;
                throw failed("the tag does not match");
            }
        }

        private byte[] ghashTag() {
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
            return tag;
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
