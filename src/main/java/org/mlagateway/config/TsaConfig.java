package org.mlagateway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/** An optional RFC 3161 time-stamping authority for log checkpoints, and its certificate. */
public record TsaConfig(URI url, Path certificate) {
    public TsaConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(certificate, "certificate");
    }
}
