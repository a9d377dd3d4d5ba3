package org.mlagateway.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.KeyStoreConfig;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.security.token.Tokens;

/**
 * Every key and certificate one gateway uses, loaded once at start. Loading refuses a
 * configuration with any problem {@link KeyMaterialCheck} finds, so a gateway never starts with an
 * expired key, a wrong password or a partner it could not verify. In a key rollover
 * (docs/key-rollover.md) it also holds our next signing key with its switch instant
 * ({@link #signingKeys()}), our next encryption key ({@link #decryptionKeys()}: both decrypt) and
 * partners' next encryption certificates with the instants we switch to them.
 */
public record KeyMaterial(
        IssuedKey signing,
        IssuedKey encryption,
        IssuedKey tls,
        PartnerTrust partnerTrust,
        TlsClientTrust tlsClients,
        Map<String, X509Certificate> partnerEncryption,
        Map<String, List<X509Certificate>> partnerTlsAnchors,
        Tokens tokens,
        SigningKeys signingKeys,
        List<IssuedKey> decryptionKeys,
        Map<String, NextCertificate> partnerNextEncryption)
        implements AutoCloseable {

    /** A partner's next encryption certificate and the instant we start encrypting to it. */
    public record NextCertificate(X509Certificate certificate, Instant from) {}

    public static final String SIGNING = "keys.signing";
    public static final String ENCRYPTION = "keys.encryption";
    public static final String TLS = "keys.tls";

    public KeyMaterial {
        partnerEncryption = Map.copyOf(partnerEncryption);
        partnerTlsAnchors = Map.copyOf(partnerTlsAnchors);
        decryptionKeys = List.copyOf(decryptionKeys);
        partnerNextEncryption = Map.copyOf(partnerNextEncryption);
    }

    /**
     * Loads and checks everything; keys in PKCS#11 tokens are logged in to here and stay so until
     * {@link #close()}.
     */
    public static KeyMaterial load(GatewayConfig config, Clock clock) {
        Tokens tokens = new Tokens();
        try {
            return load(config, clock, tokens);
        } catch (RuntimeException e) {
            tokens.close();
            throw e;
        }
    }

    private static KeyMaterial load(GatewayConfig config, Clock clock, Tokens tokens) {
        List<String> problems = new KeyMaterialCheck(clock, java.time.Duration.ZERO)
                .check(config, tokens).stream()
                        .filter(f -> f.severity() == Finding.Severity.PROBLEM)
                        .map(Finding::toString)
                        .toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            List<PartnerTrust.Partner> trust = new ArrayList<>();
            Map<String, List<X509Certificate>> mutual = new HashMap<>();
            Map<String, X509Certificate> encryption = new HashMap<>();
            Map<String, List<X509Certificate>> tlsAnchors = new HashMap<>();
            Map<String, NextCertificate> nextEncryption = new HashMap<>();
            for (PartnerConfig p : config.partners()) {
                trust.add(new PartnerTrust.Partner(
                        p.id(), p.authorityIds(), certificates(p.signingAnchors()), crls(p.crls())));
                encryption.put(
                        p.id(),
                        PkiFiles.readCertificates(p.encryptionCertificate()).get(0));
                if (p.nextEncryption() != null) {
                    X509Certificate next = PkiFiles.readCertificates(
                                    p.nextEncryption().certificate())
                            .get(0);
                    nextEncryption.put(
                            p.id(), new NextCertificate(next, p.nextEncryption().from()));
                }
                List<X509Certificate> anchors = certificates(p.tlsAnchors());
                tlsAnchors.put(p.id(), anchors);
                if (p.mutualTls()) {
                    mutual.put(p.id(), anchors);
                }
            }
            KeyStoreConfig signingConfig = config.keys().signing();
            IssuedKey signing = ownKey(SIGNING, signingConfig, tokens);
            SigningKeys signingKeys = signingConfig.next() == null
                    ? SigningKeys.single(signing)
                    : new SigningKeys(
                            signing,
                            ownKey(SIGNING + ".next", signingConfig.next().key(), tokens),
                            signingConfig.next().from());
            KeyStoreConfig encryptionConfig = config.keys().encryption();
            IssuedKey decryption = ownKey(ENCRYPTION, encryptionConfig, tokens);
            List<IssuedKey> decryptionKeys = encryptionConfig.next() == null
                    ? List.of(decryption)
                    : List.of(
                            decryption,
                            ownKey(ENCRYPTION + ".next", encryptionConfig.next().key(), tokens));
            return new KeyMaterial(
                    signing,
                    decryption,
                    ownKey(TLS, config.keys().tls(), tokens),
                    new PartnerTrust(trust),
                    new TlsClientTrust(mutual),
                    encryption,
                    tlsAnchors,
                    tokens,
                    signingKeys,
                    decryptionKeys,
                    nextEncryption);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(List.of("cannot load key material: " + e.getMessage()));
        }
    }

    /** The union of all partners' TLS anchors: who may present a TLS client certificate at all. */
    public List<X509Certificate> allTlsAnchors() {
        List<X509Certificate> all = new ArrayList<>();
        partnerTlsAnchors.values().forEach(all::addAll);
        return all;
    }

    /**
     * What is wrong now with the keys in tokens, one line each naming the key (for {@code /health});
     * empty when they all work or none is in a token.
     */
    public List<String> keyProblems() {
        return tokens.problems();
    }

    /**
     * One of our keys, {@code where} being {@code keys.signing}, {@code keys.encryption} or {@code keys.tls}:
     * from its PKCS#12 key store, or from its token through {@code tokens}, proved to work there.
     */
    public static IssuedKey ownKey(String where, KeyStoreConfig config, Tokens tokens)
            throws IOException, GeneralSecurityException {
        if (config.inToken()) {
            return tokens.key(
                    where, config.pkcs11(), where.startsWith(ENCRYPTION) ? Tokens.Use.DECRYPT : Tokens.Use.SIGN);
        }
        char[] password = config.password().reveal();
        KeyStore store = PkiFiles.openPkcs12(config.keystore(), password);
        return PkiFiles.readKey(store, config.alias(), password);
    }

    /** Logs nothing out (see {@link Tokens}); unregisters the tokens' providers. */
    @Override
    public void close() {
        tokens.close();
    }

    private static List<X509Certificate> certificates(List<Path> files) throws IOException, GeneralSecurityException {
        List<X509Certificate> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(PkiFiles.readCertificates(f));
        }
        return out;
    }

    private static List<X509CRL> crls(List<Path> files) throws IOException, GeneralSecurityException {
        List<X509CRL> out = new ArrayList<>();
        for (Path f : files) {
            out.add(PkiFiles.readCrl(f));
        }
        return out;
    }
}
