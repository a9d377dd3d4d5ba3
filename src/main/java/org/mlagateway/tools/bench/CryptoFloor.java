package org.mlagateway.tools.bench;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The CPU cost of the public-key cryptography one accepted message needs, measured in process on
 * one thread with the JCA providers the gateway uses: the RSA-OAEP (SHA-256, MGF1-SHA256) unwrap of
 * the content key, the verification of the sender's SHA256withRSA signature, and the
 * SHA256withRSA signature of the receipt. The floor is cores divided by that cost.
 */
final class CryptoFloor {
    record Result(
            double unwrapMs, double verifyMs, double signMs, String oaepProvider, String signProvider, int cores) {
        double perMessageMs() {
            return unwrapMs + verifyMs + signMs;
        }

        double messagesPerSecond() {
            return cores * 1000.0 / perMessageMs();
        }
    }

    private static final OAEPParameterSpec OAEP =
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);

    private CryptoFloor() {}

    static Result measure(
            PublicKey encryptionPublic,
            PrivateKey decryption,
            PublicKey senderPublic,
            PrivateKey senderPrivate,
            PrivateKey receiptKey,
            int iterations)
            throws GeneralSecurityException {
        Cipher wrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
        wrap.init(Cipher.ENCRYPT_MODE, encryptionPublic, OAEP);
        byte[] wrapped = wrap.doFinal(new byte[16]);
        byte[] signedInfo = new byte[700];
        for (int i = 0; i < signedInfo.length; i++) {
            signedInfo[i] = (byte) ('a' + i % 26);
        }
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(senderPrivate);
        s.update(signedInfo);
        byte[] senderSignature = s.sign();

        Cipher unwrap = Cipher.getInstance("RSA/ECB/OAEPPadding");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        Signature signer = Signature.getInstance("SHA256withRSA");
        int warmUp = Math.max(20, iterations / 4);
        double unwrapMs = 0;
        double verifyMs = 0;
        double signMs = 0;
        for (int pass = 0; pass < 2; pass++) {
            int n = pass == 0 ? warmUp : iterations;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                unwrap.init(Cipher.DECRYPT_MODE, decryption, OAEP);
                if (unwrap.doFinal(wrapped).length != 16) {
                    throw new IllegalStateException("unwrap");
                }
            }
            unwrapMs = (System.nanoTime() - start) / 1e6 / n;
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                verifier.initVerify(senderPublic);
                verifier.update(signedInfo);
                if (!verifier.verify(senderSignature)) {
                    throw new IllegalStateException("verify");
                }
            }
            verifyMs = (System.nanoTime() - start) / 1e6 / n;
            start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                signer.initSign(receiptKey);
                signer.update(signedInfo);
                signer.sign();
            }
            signMs = (System.nanoTime() - start) / 1e6 / n;
        }
        return new Result(
                unwrapMs,
                verifyMs,
                signMs,
                unwrap.getProvider().getName(),
                signer.getProvider().getName(),
                Runtime.getRuntime().availableProcessors());
    }
}
