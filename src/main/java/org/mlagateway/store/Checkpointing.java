package org.mlagateway.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.TsaConfig;

/**
 * When and how the store writes signed checkpoints of the message log: after at least
 * {@code everyEntries} new entries or {@code every} since the last checkpoint, whichever comes
 * first, checked after each commit that appended entries. {@code timeStamper} may be null.
 */
public record Checkpointing(int everyEntries, Duration every, ChainSigner signer, TimeStamper timeStamper) {
    /** How long a checkpoint waits for the time-stamping authority before it is written without a token. */
    public static final Duration TSA_TIMEOUT = Duration.ofSeconds(30);

    public Checkpointing {
        if (everyEntries < 1) {
            throw new IllegalArgumentException("everyEntries must be at least 1, was " + everyEntries);
        }
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive, was " + every);
        }
        Objects.requireNonNull(signer, "signer");
    }

    public static Checkpointing of(MessageLogConfig config, ChainSigner signer, TimeStamper timeStamper) {
        return new Checkpointing(config.checkpointEveryEntries(), config.checkpointEvery(), signer, timeStamper);
    }

    /** As configured, with the configured TSA ({@code log.tsa}) reached over HTTP, if there is one. */
    public static Checkpointing of(MessageLogConfig config, ChainSigner signer) {
        return of(config, signer, timeStamper(config.tsa()));
    }

    private static TimeStamper timeStamper(TsaConfig tsa) {
        if (tsa == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(tsa.certificate())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return TimeStamper.http(tsa.url(), cert, TSA_TIMEOUT);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read the TSA certificate " + tsa.certificate().getFileName(), e);
        }
    }
}
