package org.mlagateway.security.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.testing.TestPki;
import org.mlagateway.testing.TestToken;

/**
 * RSA-OAEP as the token path does it (raw RSA, then the OAEP decoding in software) against the JDK's
 * own OAEP encryption in software: the profile's SHA-256 with MGF1-SHA256, with and without a label,
 * with the key in a SoftHSM2 token and in memory; and every kind of damage is the same failure.
 */
class TokenOaepTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;

    private static IssuedKey inMemory;
    private static IssuedKey inToken;
    private static Tokens tokens;

    @BeforeAll
    static void keys() {
        inMemory = TestPki.create("KZ-GPO", "KZ").encryption();
        TestToken token = TestToken.createOrSkip(dir, "OAEP", TokenOaepTest.class);
        tokens = new Tokens();
        tokens.token(token.key("encryption")).importKey("encryption", inMemory);
        inToken = tokens.key("keys.encryption", token.key("encryption"), Tokens.Use.DECRYPT);
    }

    @AfterAll
    static void close() {
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void tokenKey_decryptsWhatSoftwareOaepEncrypted_withAndWithoutALabel() throws GeneralSecurityException {
        assertTrue(inToken.inToken(), "the key works only in its token");
        for (byte[] label : new byte[][] {new byte[0], "context".getBytes(java.nio.charset.StandardCharsets.UTF_8)}) {
            for (int length : new int[] {16, 32, 1}) {
                byte[] message = random(length);
                assertArrayEquals(
                        message,
                        TokenOaep.decrypt(
                                inToken,
                                encrypt(message, "SHA-256", MGF1ParameterSpec.SHA256, label),
                                "SHA-256",
                                label));
            }
        }
    }

    @Test
    void keyInMemory_decryptsTheSame() throws GeneralSecurityException {
        byte[] message = random(32);
        assertArrayEquals(
                message,
                TokenOaep.decrypt(
                        inMemory,
                        encrypt(message, "SHA-256", MGF1ParameterSpec.SHA256, new byte[0]),
                        "SHA-256",
                        new byte[0]));
    }

    @Test
    void everyFlippedBit_isTheSameFailure() throws GeneralSecurityException {
        byte[] block = encrypt(random(32), "SHA-256", MGF1ParameterSpec.SHA256, new byte[0]);
        for (int bit = 0; bit < block.length * 8; bit++) {
            byte[] flipped = block.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            // In memory: all 2048 variants; the token gets every 64th, which is slower.
            IssuedKey key = bit % 64 == 0 ? inToken : inMemory;
            assertThrows(
                    BadPaddingException.class,
                    () -> TokenOaep.decrypt(key, flipped, "SHA-256", new byte[0]),
                    "bit " + bit);
        }
    }

    @Test
    void anotherLabel_anotherHash_orAnotherMgf_fail() throws GeneralSecurityException {
        byte[] message = random(32);
        byte[] labelled = encrypt(message, "SHA-256", MGF1ParameterSpec.SHA256, new byte[] {1});
        assertThrows(BadPaddingException.class, () -> TokenOaep.decrypt(inToken, labelled, "SHA-256", new byte[0]));
        byte[] sha1 = encrypt(message, "SHA-1", MGF1ParameterSpec.SHA1, new byte[0]);
        assertThrows(BadPaddingException.class, () -> TokenOaep.decrypt(inToken, sha1, "SHA-256", new byte[0]));
        byte[] mgfSha1 = encrypt(message, "SHA-256", MGF1ParameterSpec.SHA1, new byte[0]);
        assertThrows(BadPaddingException.class, () -> TokenOaep.decrypt(inToken, mgfSha1, "SHA-256", new byte[0]));
        assertThrows(GeneralSecurityException.class, () -> TokenOaep.decrypt(inToken, labelled, "SHA-1", new byte[0]));
    }

    @Test
    void aBlockLongerThanTheKey_orALeadingByteOtherThanZero_fail() throws GeneralSecurityException {
        byte[] block = encrypt(random(32), "SHA-256", MGF1ParameterSpec.SHA256, new byte[0]);
        byte[] longer = new byte[block.length + 1];
        System.arraycopy(block, 0, longer, 1, block.length);
        longer[0] = 1;
        assertThrows(BadPaddingException.class, () -> TokenOaep.decrypt(inMemory, longer, "SHA-256", new byte[0]));
        // A valid encoding behind a non-zero first byte: the decoding alone would accept it.
        byte[] em = new byte[256];
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, inMemory.privateKey());
        byte[] valid = raw.doFinal(block);
        System.arraycopy(valid, 0, em, em.length - valid.length, valid.length);
        assertNotNull(
                TokenOaep.decode(em.clone(), org.bouncycastle.crypto.util.DigestFactory.createSHA256(), new byte[0]));
        em[0] = 1;
        assertThrows(
                BadPaddingException.class,
                () -> TokenOaep.decode(em, org.bouncycastle.crypto.util.DigestFactory.createSHA256(), new byte[0]));
    }

    private static byte[] encrypt(byte[] message, String digest, MGF1ParameterSpec mgf, byte[] label)
            throws GeneralSecurityException {
        Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
        oaep.init(
                Cipher.ENCRYPT_MODE,
                inMemory.certificate().getPublicKey(),
                new OAEPParameterSpec(digest, "MGF1", mgf, new PSource.PSpecified(label)));
        return oaep.doFinal(message);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
