package org.mlagateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.TsaConfig;
import org.mlagateway.store.ChainSigner;
import org.mlagateway.store.CheckpointVerifier;
import org.mlagateway.store.Checkpointing;
import org.mlagateway.store.TimeStamper;

/**
 * The message log's checkpointing as configured: signed with the gateway's key, time-stamped by the
 * configured TSAs ({@code log.tsa}, tried in order) over HTTP, appended to the anchor files, and judged
 * against the signer's root and those TSAs' certificates.
 */
public final class LogCheckpointing {
    private LogCheckpointing() {}

    /** As configured in {@code log}; the anchor file defaults to the storage {@code dataDir}. */
    public static Checkpointing of(MessageLogConfig config, Path dataDir, ChainSigner signer) {
        TimeStamper stamper = timeStamper(config.tsa());
        return Checkpointing.of(config, dataDir, signer, stamper, verifier(signer, stamper));
    }

    /** Every {@code everyEntries} entries or {@code every}, with the given time-stamper (null for none), no anchor. */
    public static Checkpointing of(int everyEntries, Duration every, ChainSigner signer, TimeStamper stamper) {
        return new Checkpointing(everyEntries, every, signer, stamper, verifier(signer, stamper));
    }

    /**
     * What judges checkpoints and anchors for an audit of this configuration, without the signing key:
     * the signer chain must end at one of {@code signingRoots} (the current signing key's, and during a
     * rollover the next key's), tokens verify against the configured TSAs.
     */
    public static CheckpointVerifier auditor(MessageLogConfig config, List<X509Certificate> signingRoots) {
        return new CheckpointSignatures(signingRoots, certificates(config.tsa()));
    }

    private static CheckpointVerifier verifier(ChainSigner signer, TimeStamper stamper) {
        return new CheckpointSignatures(signer.roots(), stamper == null ? List.of() : stamper.certificates());
    }

    private static TimeStamper timeStamper(List<TsaConfig> tsas) {
        if (tsas.isEmpty()) {
            return null;
        }
        return new FailoverTimeStamper(tsas.stream()
                .map(t -> new HttpTimeStamper(t.url(), certificate(t.certificate()), t.timeout()))
                .toList());
    }

    private static List<X509Certificate> certificates(List<TsaConfig> tsas) {
        return tsas.stream().map(t -> certificate(t.certificate())).toList();
    }

    private static X509Certificate certificate(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read the TSA certificate " + file.getFileName(), e);
        }
    }
}
