package org.mlagateway.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
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

/**
 * Every key and certificate one gateway uses, loaded once at start. Loading refuses a
 * configuration with any problem {@link KeyMaterialCheck} finds, so a gateway never starts with an
 * expired key, a wrong password or a partner it could not verify.
 */
public record KeyMaterial(IssuedKey signing, IssuedKey encryption, IssuedKey tls, PartnerTrust partnerTrust,
                          TlsClientTrust tlsClients, Map<String, X509Certificate> partnerEncryption,
                          Map<String, List<X509Certificate>> partnerTlsAnchors) {

    public KeyMaterial {
        partnerEncryption = Map.copyOf(partnerEncryption);
        partnerTlsAnchors = Map.copyOf(partnerTlsAnchors);
    }

    public static KeyMaterial load(GatewayConfig config, Clock clock) {
        List<String> problems = new KeyMaterialCheck(clock, java.time.Duration.ZERO)
                .check(config).stream().filter(f -> f.severity() == Finding.Severity.PROBLEM)
                .map(Finding::toString).toList();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        try {
            List<PartnerTrust.Partner> trust = new ArrayList<>();
            Map<String, List<X509Certificate>> mutual = new HashMap<>();
            Map<String, X509Certificate> encryption = new HashMap<>();
            Map<String, List<X509Certificate>> tlsAnchors = new HashMap<>();
            for (PartnerConfig p : config.partners()) {
                trust.add(new PartnerTrust.Partner(p.id(), p.authorityIds(), certificates(p.signingAnchors()),
                        crls(p.crls())));
                encryption.put(p.id(), PkiFiles.readCertificates(p.encryptionCertificate()).get(0));
                List<X509Certificate> anchors = certificates(p.tlsAnchors());
                tlsAnchors.put(p.id(), anchors);
                if (p.mutualTls()) {
                    mutual.put(p.id(), anchors);
                }
            }
            return new KeyMaterial(key(config.keys().signing()), key(config.keys().encryption()),
                    key(config.keys().tls()), new PartnerTrust(trust), new TlsClientTrust(mutual), encryption,
                    tlsAnchors);
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

    private static IssuedKey key(KeyStoreConfig config) throws IOException, GeneralSecurityException {
        char[] password = config.password().reveal();
        KeyStore store = PkiFiles.openPkcs12(config.keystore(), password);
        return PkiFiles.readKey(store, config.alias(), password);
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
