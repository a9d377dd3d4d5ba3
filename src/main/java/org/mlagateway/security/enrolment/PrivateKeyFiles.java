package org.mlagateway.security.enrolment;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.mlagateway.config.OwnerOnly;

/**
 * Private keys between request and import: encrypted PKCS#8 PEM ({@code ENCRYPTED PRIVATE KEY}: PBES2,
 * PBKDF2 with HMAC-SHA256, AES-256-CBC), written 0600. OpenSSL reads them with the same password.
 */
final class PrivateKeyFiles {
    private static final int PBKDF2_ITERATIONS = 200_000;
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private PrivateKeyFiles() {}

    static void write(Path file, PrivateKey key, char[] password, SecureRandom random) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new JcaPKCS8Generator(
                    key,
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                            .setIterationCount(PBKDF2_ITERATIONS)
                            .setRandom(random)
                            .setProvider(BC)
                            .setPassword(password)
                            .build()));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt a private key: " + e.getMessage(), e);
        }
        OwnerOnly.write(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads and decrypts one key; a wrong password or a damaged file fails with a message naming the file. */
    static PrivateKey read(Path file, char[] password) throws IOException, GeneralSecurityException {
        Object object;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(in)) {
            object = pem.readObject();
        }
        if (!(object instanceof PKCS8EncryptedPrivateKeyInfo encrypted)) {
            throw new GeneralSecurityException(file.getFileName() + " holds no encrypted PKCS#8 private key");
        }
        try {
            return new JcaPEMKeyConverter()
                    .setProvider(BC)
                    .getPrivateKey(encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(BC)
                            .build(password)));
        } catch (PKCSException | OperatorCreationException e) {
            throw new GeneralSecurityException(
                    "cannot decrypt " + file.getFileName() + " (wrong password or damaged file)", e);
        }
    }
}
