package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/**
 * The attachment cipher against the JDK's own AES-GCM, both ways, at sizes around block and buffer
 * boundaries; a changed or cut part fails with {@code DecryptionFailed} when its stream ends.
 */
class AttachmentCipherTest {
    private static final int[] SIZES = {0, 1, 15, 16, 17, 65_535, 65_536, 65_537, 1_048_579};

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static SecretKey key(int bits) throws Exception {
        KeyGenerator g = KeyGenerator.getInstance("AES");
        g.init(bits);
        return g.generateKey();
    }

    /** Reads in odd-sized steps, so that buffer edges fall everywhere. */
    private static byte[] drain(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[4099];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {128, 256})
    void whatItEncrypts_theJdkDecrypts_andWhatTheJdkEncrypts_itDecrypts(int bits) throws Exception {
        SecretKey key = key(bits);
        for (int size : SIZES) {
            byte[] plain = bytes(size);
            byte[] wire = drain(AttachmentCipher.encrypt(key, new ByteArrayInputStream(plain)));
            assertEquals(AttachmentCipher.encryptedLength(size), wire.length);
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wire, 0, 12));
            assertArrayEquals(plain, jdk.doFinal(wire, 12, wire.length - 12), "size " + size);

            byte[] iv = bytes(12);
            jdk.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = jdk.doFinal(plain);
            byte[] fromJdk = new byte[12 + sealed.length];
            System.arraycopy(iv, 0, fromJdk, 0, 12);
            System.arraycopy(sealed, 0, fromJdk, 12, sealed.length);
            assertArrayEquals(
                    plain, drain(AttachmentCipher.decrypt(key, new ByteArrayInputStream(fromJdk))), "size " + size);
        }
    }

    @Test
    void beyondTheJdksLimit_bouncyCastlesGcmAndGhash_agreeWithTheJdk() throws Exception {
        SecretKey key = key(128);
        for (int size : SIZES) {
            byte[] plain = bytes(size);
            byte[] wire = drain(AttachmentCipher.encryptBeyondJdkLimit(key, new ByteArrayInputStream(plain)));
            Cipher jdk = Cipher.getInstance("AES/GCM/NoPadding");
            jdk.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, wire, 0, 12));
            assertArrayEquals(plain, jdk.doFinal(wire, 12, wire.length - 12), "size " + size);
            assertArrayEquals(
                    plain,
                    drain(AttachmentCipher.decryptBeyondJdkLimit(key, new ByteArrayInputStream(wire))),
                    "size " + size);
        }
        byte[] wire = drain(AttachmentCipher.encrypt(key, new ByteArrayInputStream(bytes(100_000))));
        wire[50_000] ^= 1;
        GatewayException e = assertThrows(
                GatewayException.class,
                () -> drain(AttachmentCipher.decryptBeyondJdkLimit(key, new ByteArrayInputStream(wire))));
        assertEquals(ErrorCode.DECRYPTION_FAILED, e.code());
    }

    @Test
    void aChangedIvCipherTextOrTag_orACutPart_failsWhenTheStreamEnds() throws Exception {
        SecretKey key = key(128);
        byte[] wire = drain(AttachmentCipher.encrypt(key, new ByteArrayInputStream(bytes(200_000))));
        for (int at : new int[] {0, 11, 12, 100_000, wire.length - 17, wire.length - 16, wire.length - 1}) {
            byte[] changed = wire.clone();
            changed[at] ^= 0x01;
            assertFails(key, changed);
        }
        assertFails(key, Arrays.copyOf(wire, wire.length - 1));
        assertFails(key, Arrays.copyOf(wire, 20));
        assertFails(key, Arrays.copyOf(wire, 5));
        byte[] longer = Arrays.copyOf(wire, wire.length + 1);
        assertFails(key, longer);
        assertFails(key(128), wire);
    }

    private static void assertFails(SecretKey key, byte[] wire) {
        GatewayException e = assertThrows(
                GatewayException.class, () -> drain(AttachmentCipher.decrypt(key, new ByteArrayInputStream(wire))));
        assertEquals(ErrorCode.DECRYPTION_FAILED, e.code());
    }
}
