package org.mlagateway.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.mlagateway.config.MessageLogConfig;
import org.mlagateway.config.TsaConfig;
import org.mlagateway.store.ChainSigner;
import org.mlagateway.store.Checkpointing;
import org.mlagateway.store.TimeStamper;

/**
 * The message log's checkpointing as configured: signed with the gateway's key, time-stamped by the
 * configured TSA ({@code log.tsa}) over HTTP if there is one, and judged against the signer's root and
 * that TSA's certificate.
 */
public final class LogCheckpointing {
    private LogCheckpointing() {
    }

    /** As configured in {@code log}, with the configured TSA reached over HTTP, if there is one. */
    public static Checkpointing of(MessageLogConfig config, ChainSigner signer) {
        TimeStamper stamper = timeStamper(config.tsa());
        return Checkpointing.of(config, signer, stamper, verifier(signer, stamper));
    }

    /** Every {@code everyEntries} entries or {@code every}, with the given time-stamper (null for none). */
    public static Checkpointing of(int everyEntries, Duration every, ChainSigner signer, TimeStamper stamper) {
        return new Checkpointing(everyEntries, every, signer, stamper, verifier(signer, stamper));
    }

    private static CheckpointSignatures verifier(ChainSigner signer, TimeStamper stamper) {
        List<X509Certificate> chain = signer.chain();
        return new CheckpointSignatures(chain.get(chain.size() - 1), stamper == null ? null : stamper.certificate());
    }

    private static TimeStamper timeStamper(TsaConfig tsa) {
        if (tsa == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(tsa.certificate())) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return new HttpTimeStamper(tsa.url(), cert, Checkpointing.TSA_TIMEOUT);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot read the TSA certificate " + tsa.certificate().getFileName(), e);
        }
    }
}
