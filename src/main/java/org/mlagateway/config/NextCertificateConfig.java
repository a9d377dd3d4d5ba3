package org.mlagateway.config;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A partner's next encryption certificate in its key rollover (docs/key-rollover.md): we keep
 * encrypting to its current {@code encryptionCertificate} until {@code from}, the switch instant the
 * partner announced, and to this {@code certificate} from then on.
 */
public record NextCertificateConfig(Path certificate, Instant from) {
    public NextCertificateConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(from, "from");
    }
}
