package org.mlagateway.security;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.KeyStoreConfig;
import org.mlagateway.config.NextCertificateConfig;
import org.mlagateway.config.NextKeyConfig;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.config.Secret;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.security.token.TokenException;
import org.mlagateway.security.token.Tokens;

/**
 * Opens every key store, token and certificate a configuration names and reports what would stop the
 * gateway or a partner from trusting it: key stores or secret files (PINs included) that group or
 * others may open, unreadable files, wrong passwords; for a token: an unknown label or slot, a wrong
 * PIN, a missing alias, a key that does not match its certificate; expired or soon expiring
 * certificates, weak keys, wrong key usage, stale CRLs. Messages never contain secrets.
 */
public final class KeyMaterialCheck {
    /** Certificates expiring sooner than this are reported as problems. */
    public static final Duration DEFAULT_EXPIRY_HORIZON = Duration.ofDays(30);

    static final int MIN_RSA_BITS = 2048;
    /** Where a finding about file permissions is reported. */
    public static final String PERMISSIONS = "permissions";

    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_NON_REPUDIATION = 1;
    private static final int KU_KEY_ENCIPHERMENT = 2;
    private static final int KU_KEY_CERT_SIGN = 5;

    private final Clock clock;
    private final Duration expiryHorizon;
    private final List<Finding> findings = new ArrayList<>();

    public KeyMaterialCheck(Clock clock, Duration expiryHorizon) {
        this.clock = clock;
        this.expiryHorizon = expiryHorizon;
    }

    /** Checks {@code config}, logging in to its tokens, if any, for the duration of the check. */
    public List<Finding> check(GatewayConfig config) {
        try (Tokens tokens = new Tokens()) {
            return check(config, tokens);
        }
    }

    /** As {@link #check(GatewayConfig)}, with keys in tokens opened through {@code tokens}. */
    public List<Finding> check(GatewayConfig config, Tokens tokens) {
        findings.clear();
        permissions(config);
        IssuedKey signing = ownKey(
                KeyMaterial.SIGNING, config.keys().signing(), tokens, null, KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION);
        nextKey(
                KeyMaterial.SIGNING,
                signing,
                config.keys().signing().next(),
                tokens,
                KU_DIGITAL_SIGNATURE,
                KU_NON_REPUDIATION);
        IssuedKey encryption = ownKey(
                KeyMaterial.ENCRYPTION,
                config.keys().encryption(),
                tokens,
                null,
                KU_KEY_ENCIPHERMENT,
                KU_KEY_ENCIPHERMENT);
        nextKey(
                KeyMaterial.ENCRYPTION,
                encryption,
                config.keys().encryption().next(),
                tokens,
                KU_KEY_ENCIPHERMENT,
                KU_KEY_ENCIPHERMENT);
        ownKey(KeyMaterial.TLS, config.keys().tls(), tokens, null, KU_DIGITAL_SIGNATURE, KU_KEY_ENCIPHERMENT);
        for (int i = 0; i < config.partners().size(); i++) {
            partner("partners[" + i + "]", config.partners().get(i));
        }
        for (int i = 0; i < config.log().tsa().size(); i++) {
            certificates(
                    "log.tsa[" + i + "].certificate", config.log().tsa().get(i).certificate());
        }
        secretSource("storage.password", config.storage().password());
        return List.copyOf(findings);
    }

    /**
     * Key stores and secret files must be open to their owner only: a readable key store gives its
     * password a brute-force target, and a secret file gives it away. One finding names them all,
     * so that {@code run} refuses in one line.
     */
    private void permissions(GatewayConfig config) {
        Map<Path, String> files = new LinkedHashMap<>();
        ownFiles(files, "keys.signing", config.keys().signing());
        ownFiles(files, "keys.encryption", config.keys().encryption());
        if (config.keys().signing().next() != null) {
            ownFiles(files, "keys.signing.next", config.keys().signing().next().key());
        }
        if (config.keys().encryption().next() != null) {
            ownFiles(
                    files,
                    "keys.encryption.next",
                    config.keys().encryption().next().key());
        }
        ownFiles(files, "keys.tls", config.keys().tls());
        secretFile(files, "storage.password", config.storage().password());
        if (config.storage().kek() != null) {
            if (config.storage().kek().keystore() != null) {
                files.putIfAbsent(
                        config.storage().kek().keystore().toAbsolutePath().normalize(), "storage.kek.keystore");
                secretFile(files, "storage.kek.password", config.storage().kek().password());
            }
            if (config.storage().kek().pkcs11() != null) {
                secretFile(
                        files,
                        "storage.kek.pkcs11.pin",
                        config.storage().kek().pkcs11().pin());
            }
        }
        List<String> exposed = new ArrayList<>();
        files.forEach((file, where) -> {
            String mode = OwnerOnly.exposedMode(file);
            if (mode != null) {
                exposed.add(file.getFileName() + " (" + where + ") is " + mode);
            }
        });
        if (!exposed.isEmpty()) {
            findings.add(Finding.problem(
                    PERMISSIONS,
                    "group or others may open key stores or secrets: "
                            + String.join(", ", exposed) + "; make them private to the gateway's user (chmod 600 each,"
                            + " or chmod -R go-rwx their folder)"));
        }
    }

    private static void ownFiles(Map<Path, String> files, String where, KeyStoreConfig store) {
        if (store.inToken()) {
            secretFile(files, where + ".pkcs11.pin", store.pkcs11().pin());
            return;
        }
        files.putIfAbsent(store.keystore().toAbsolutePath().normalize(), where + ".keystore");
        secretFile(files, where + ".password", store.password());
    }

    private static void secretFile(Map<Path, String> files, String where, Secret secret) {
        if (secret != null && secret.file() != null) {
            files.putIfAbsent(secret.file().toAbsolutePath().normalize(), where);
        }
    }

    /**
     * Opens one of our keys and checks its certificate, which must be valid at {@code validFrom}
     * (null: now); null when it cannot be opened.
     */
    private IssuedKey ownKey(
            String where, KeyStoreConfig store, Tokens tokens, Instant validFrom, int usageA, int usageB) {
        IssuedKey key;
        if (store.inToken()) {
            secretSource(where + ".pkcs11.pin", store.pkcs11().pin());
            try {
                key = KeyMaterial.ownKey(where, store, tokens);
            } catch (TokenException | IOException | GeneralSecurityException e) {
                findings.add(Finding.problem(where, safeReason(e)));
                return null;
            }
            ownCertificate(where, key, validFrom, usageA, usageB);
            return key;
        }
        secretSource(where + ".password", store.password());
        if (notFound(where, "key store", store.keystore())) {
            return null;
        }
        try {
            char[] password = store.password().reveal();
            KeyStore keyStore = PkiFiles.openPkcs12(store.keystore(), password);
            key = PkiFiles.readKey(keyStore, store.alias(), password);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            findings.add(Finding.problem(
                    where,
                    "cannot open key store " + store.keystore().getFileName() + " (unreadable file or wrong password: "
                            + safeReason(e) + ")"));
            return null;
        }
        ownCertificate(where, key, validFrom, usageA, usageB);
        return key;
    }

    /**
     * The next key of a rollover (docs/key-rollover.md), checked as the current one, except that its
     * certificate need only be valid from the switch: a warning if it is not valid yet then, or if the
     * current key expires before it, since either leaves a gap in which we cannot sign or be written to.
     */
    private void nextKey(String where, IssuedKey current, NextKeyConfig next, Tokens tokens, int usageA, int usageB) {
        if (next == null) {
            return;
        }
        Instant from = next.from() == null ? clock.instant() : next.from();
        IssuedKey key = ownKey(where + ".next", next.key(), tokens, from, usageA, usageB);
        if (key != null) {
            switchGaps(where + ".next", current == null ? null : current.certificate(), key.certificate(), from);
        }
    }

    /** Warnings for a switch at {@code from} from {@code current} to {@code next} that leaves a gap. */
    private void switchGaps(String where, X509Certificate current, X509Certificate next, Instant from) {
        if (next.getNotBefore().toInstant().isAfter(from)) {
            findings.add(Finding.warning(
                    where,
                    "certificate " + subject(next) + " is not yet valid at the switch on " + from
                            + ": it is valid from " + next.getNotBefore().toInstant()));
        }
        if (next.getNotAfter().toInstant().isBefore(from)) {
            findings.add(Finding.warning(
                    where,
                    "certificate " + subject(next) + " expires on "
                            + next.getNotAfter().toInstant() + ", before the switch on " + from));
        }
        if (current != null && current.getNotAfter().toInstant().isBefore(from)) {
            findings.add(Finding.warning(
                    where,
                    "the current certificate " + subject(current) + " expires on "
                            + current.getNotAfter().toInstant() + ", before the switch on " + from
                            + ": move the switch earlier"));
        }
    }

    private void ownCertificate(String where, IssuedKey key, Instant validFrom, int usageA, int usageB) {
        X509Certificate cert = key.certificate();
        if (cert.getSubjectX500Principal().getName().contains("(SAMPLE)")) {
            findings.add(Finding.warning(
                    where,
                    "WARNING: SAMPLE key material (" + subject(cert) + "), made by 'keys sample' for the demo and"
                            + " tests: anyone may hold a copy; NEVER use it in production"));
        }
        validity(where, cert, validFrom);
        strength(where, cert);
        boolean[] usage = cert.getKeyUsage();
        if (usage == null || !(usage[usageA] || usage[usageB])) {
            findings.add(
                    Finding.problem(where, "certificate " + subject(cert) + " lacks the key usage this key needs"));
        }
    }

    private void partner(String where, PartnerConfig partner) {
        for (int i = 0; i < partner.signingAnchors().size(); i++) {
            for (X509Certificate anchor : certificates(
                    where + ".signingAnchors[" + i + "]",
                    partner.signingAnchors().get(i))) {
                boolean[] usage = anchor.getKeyUsage();
                if (anchor.getBasicConstraints() < 0 || usage == null || !usage[KU_KEY_CERT_SIGN]) {
                    findings.add(Finding.problem(
                            where + ".signingAnchors[" + i + "]", subject(anchor) + " is not a CA certificate"));
                }
            }
        }
        for (int i = 0; i < partner.crls().size(); i++) {
            crl(where + ".crls[" + i + "]", partner.crls().get(i));
        }
        List<X509Certificate> encryption =
                certificates(where + ".encryptionCertificate", partner.encryptionCertificate());
        partnerEncryption(where + ".encryptionCertificate", encryption);
        NextCertificateConfig next = partner.nextEncryption();
        if (next != null) {
            List<X509Certificate> nextCerts =
                    certificates(where + ".nextEncryption.certificate", next.certificate(), next.from());
            partnerEncryption(where + ".nextEncryption.certificate", nextCerts);
            if (!nextCerts.isEmpty()) {
                switchGaps(
                        where + ".nextEncryption",
                        encryption.isEmpty() ? null : encryption.get(0),
                        nextCerts.get(0),
                        next.from());
            }
        }
        for (int i = 0; i < partner.tlsAnchors().size(); i++) {
            certificates(where + ".tlsAnchors[" + i + "]", partner.tlsAnchors().get(i));
        }
    }

    private void partnerEncryption(String where, List<X509Certificate> certs) {
        for (X509Certificate cert : certs) {
            strength(where, cert);
            boolean[] usage = cert.getKeyUsage();
            if (usage == null || !usage[KU_KEY_ENCIPHERMENT]) {
                findings.add(Finding.problem(where, subject(cert) + " lacks the keyEncipherment key usage"));
            }
        }
    }

    private List<X509Certificate> certificates(String where, Path file) {
        return certificates(where, file, null);
    }

    /** Reads certificates that must be valid from {@code validFrom} (null: now). */
    private List<X509Certificate> certificates(String where, Path file, Instant validFrom) {
        if (notFound(where, "certificate", file)) {
            return List.of();
        }
        try {
            List<X509Certificate> certs = PkiFiles.readCertificates(file);
            certs.forEach(cert -> validity(where, cert, validFrom));
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            findings.add(
                    Finding.problem(where, "cannot read certificate " + file.getFileName() + ": " + safeReason(e)));
            return List.of();
        }
    }

    private void crl(String where, Path file) {
        try {
            X509CRL crl = PkiFiles.readCrl(file);
            if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(clock.instant())) {
                findings.add(Finding.problem(
                        where,
                        "CRL " + file.getFileName() + " is stale: its next update was "
                                + crl.getNextUpdate().toInstant()));
            }
        } catch (IOException | GeneralSecurityException e) {
            findings.add(Finding.problem(where, "cannot read CRL " + file.getFileName() + ": " + safeReason(e)));
        }
    }

    /**
     * Expired or soon expiring is a problem; not yet valid too, unless {@code validFrom} is given: a
     * next key or certificate need only be valid from its switch, which {@link #switchGaps} checks.
     */
    private void validity(String where, X509Certificate cert, Instant validFrom) {
        Instant now = clock.instant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            findings.add(Finding.problem(where, "certificate " + subject(cert) + " expired on " + notAfter));
        } else if (notAfter.isBefore(now.plus(expiryHorizon))) {
            findings.add(Finding.problem(where, "certificate " + subject(cert) + " expires soon, on " + notAfter));
        } else if (validFrom == null && cert.getNotBefore().toInstant().isAfter(now)) {
            findings.add(Finding.problem(
                    where,
                    "certificate " + subject(cert) + " is not valid before "
                            + cert.getNotBefore().toInstant()));
        }
    }

    private void strength(String where, X509Certificate cert) {
        if (!(cert.getPublicKey() instanceof RSAKey rsa) || rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            findings.add(Finding.problem(
                    where,
                    "certificate " + subject(cert) + " does not hold an RSA key of " + MIN_RSA_BITS
                            + " bits or more (the profile of docs/protocol.md)"));
        }
    }

    private void secretSource(String where, Secret secret) {
        if (secret != null && secret.isInline()) {
            findings.add(Finding.warning(
                    where, "the secret is written inline in the YAML; use 'env' or 'file' in production"));
        }
    }

    private static String subject(X509Certificate cert) {
        return "'" + cert.getSubjectX500Principal().getName() + "'";
    }

    /** Whether {@code file} is missing, said as a problem: "not found" rather than why it could not be read. */
    private boolean notFound(String where, String what, Path file) {
        if (java.nio.file.Files.exists(file)) {
            return false;
        }
        findings.add(Finding.problem(where, what + " " + file.getFileName() + " not found: " + file.toAbsolutePath()));
        return true;
    }

    private static String safeReason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException missing) {
                return "not found: " + missing.getFile();
            }
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
