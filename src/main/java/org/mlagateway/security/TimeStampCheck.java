package org.mlagateway.security;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Checks an RFC 3161 token on a checkpoint: its imprint is SHA-256 of the checkpoint's bytes and
 * its signature verifies with the trusted TSA certificate (or, when none is configured, with the
 * certificate the token carries, which proves integrity but not who stamped it). BouncyCastle's
 * {@code validate} also checks the certificate's time-stamping EKU and validity (RFC 3161 §2.3).
 */
final class TimeStampCheck {
    private TimeStampCheck() {}

    /** Empty when the token is good, else what is wrong with it. */
    static Optional<String> problem(byte[] tokenBytes, byte[] expectedImprint, X509Certificate trusted) {
        try {
            TimeStampToken token = new TimeStampToken(new CMSSignedData(tokenBytes));
            var info = token.getTimeStampInfo();
            if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
                return Optional.of("time-stamp imprint is not SHA-256");
            }
            if (!Arrays.equals(info.getMessageImprintDigest(), expectedImprint)) {
                return Optional.of("time-stamp imprint does not match the checkpoint");
            }
            X509Certificate tsa = trusted != null ? trusted : embedded(token);
            if (tsa == null) {
                return Optional.of("time-stamp token carries no certificate and no TSA is configured");
            }
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa));
            return Optional.empty();
        } catch (TSPException e) {
            return Optional.of("time-stamp token does not verify: " + e.getMessage());
        } catch (CMSException
                | IOException
                | OperatorCreationException
                | CertificateException
                | IllegalArgumentException e) {
            return Optional.of("time-stamp token is unreadable: " + e.getMessage());
        }
    }

    private static X509Certificate embedded(TimeStampToken token) throws CertificateException {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(token.getSID());
        if (matches.isEmpty()) {
            return null;
        }
        return new JcaX509CertificateConverter()
                .getCertificate(matches.iterator().next());
    }
}
