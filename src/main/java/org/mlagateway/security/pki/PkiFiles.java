package org.mlagateway.security.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.mlagateway.config.OwnerOnly;

/**
 * Reading and writing key material in the formats the gateway accepts: PKCS#12 key stores for
 * private keys, PEM (or DER) for certificates and CRLs.
 */
public final class PkiFiles {
    private PkiFiles() {}

    /** Writes one private key entry with its chain into a new PKCS#12 file. */
    public static void writePkcs12(Path file, String alias, IssuedKey key, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key.privateKey(), password, key.chain().toArray(new Certificate[0]));
            // A key store is private however strong its password: 0600 from the moment it exists.
            try (OutputStream out = OwnerOnly.newOutputStream(file)) {
                store.store(out, password);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write key store " + file.getFileName(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a PKCS#12 key store. A wrong password and a damaged file both fail here with a
     * {@link GeneralSecurityException} or {@link IOException}; the caller decides how to report it.
     */
    public static KeyStore openPkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    /** Reads the private key entry {@code alias}, or the only key entry when alias is null. */
    public static IssuedKey readKey(KeyStore store, String alias, char[] password) throws GeneralSecurityException {
        String chosen = alias != null ? alias : onlyKeyAlias(store);
        Key key = store.getKey(chosen, password);
        if (!(key instanceof PrivateKey privateKey)) {
            throw new GeneralSecurityException("No private key entry named '" + chosen + "'");
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : store.getCertificateChain(chosen)) {
            chain.add((X509Certificate) c);
        }
        return new IssuedKey(privateKey, chain);
    }

    private static String onlyKeyAlias(KeyStore store) throws GeneralSecurityException {
        String found = null;
        for (Enumeration<String> e = store.aliases(); e.hasMoreElements(); ) {
            String alias = e.nextElement();
            if (store.isKeyEntry(alias)) {
                if (found != null) {
                    throw new GeneralSecurityException("Key store holds several keys; name the alias");
                }
                found = alias;
            }
        }
        if (found == null) {
            throw new GeneralSecurityException("Key store holds no private key");
        }
        return found;
    }

    public static void writePem(Path file, Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (Arrays.stream(objects).anyMatch(o -> o instanceof PrivateKey || o instanceof KeyPair)) {
                OwnerOnly.write(file, text.toString().getBytes(StandardCharsets.US_ASCII));
            } else {
                createParent(file);
                Files.writeString(file, text.toString(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every certificate in a PEM or DER file. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException, CertificateException {
        byte[] bytes = Files.readAllBytes(file);
        Collection<? extends Certificate> certs =
                CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : certs) {
            out.add((X509Certificate) c);
        }
        if (out.isEmpty()) {
            throw new CertificateException("No certificate found in " + file.getFileName());
        }
        return out;
    }

    public static X509CRL readCrl(Path file) throws IOException, CRLException, CertificateException {
        byte[] bytes = Files.readAllBytes(file);
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(bytes));
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
