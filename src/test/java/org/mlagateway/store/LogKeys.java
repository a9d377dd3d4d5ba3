package org.mlagateway.store;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.mlagateway.security.KeyStoreChainSigner;
import org.mlagateway.security.pki.CertificateAuthority;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.KeyUse;

/**
 * Key material for checkpoint tests, generated in code once per test JVM: the gateway's CA and
 * signing key, a time-stamping authority's key, and an unrelated CA's signing key.
 */
final class LogKeys {
    private static LogKeys instance;

    final IssuedKey signing;
    final IssuedKey timestamping;
    final IssuedKey strangerSigning;

    private LogKeys() {
        SecureRandom random = new SecureRandom();
        Instant start = Instant.now().minus(Duration.ofDays(1));
        Duration year = Duration.ofDays(365);
        CertificateAuthority ca =
                CertificateAuthority.createRoot("CN=KZ-GPO Test Root,O=KZ-GPO (TEST),C=KZ", start, year, random);
        signing = ca.issue("CN=KZ-GPO signing,O=KZ-GPO (TEST),C=KZ", KeyUse.SIGNING, start, year);
        timestamping = ca.issue("CN=Test TSA,O=KZ-GPO (TEST),C=KZ", KeyUse.TIMESTAMPING, start, year);
        CertificateAuthority stranger =
                CertificateAuthority.createRoot("CN=Stranger Root,O=Stranger,C=XX", start, year, random);
        strangerSigning = stranger.issue("CN=Stranger signing,O=Stranger,C=XX", KeyUse.SIGNING, start, year);
    }

    static synchronized LogKeys get() {
        if (instance == null) {
            instance = new LogKeys();
        }
        return instance;
    }

    ChainSigner signer() {
        return new KeyStoreChainSigner(signing);
    }
}
