package org.mlagateway.tools.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAMPLE ONLY, for the demo: an RFC 3161 time-stamping authority in this process, answering
 * {@code application/timestamp-query} POSTs (RFC 3161 §3.4) on a free loopback port with the sample
 * key {@code keys-sample/tsa/tsa.p12}. It keeps no audit trail, no clock discipline and no key
 * protection, which a real TSA must (RFC 3161 §4, ETSI EN 319 421); a deployment names a real one
 * in {@code log.tsa}. Tokens carry the TSA's certificate chain and an ESS signing-certificate-v2
 * attribute, so {@code openssl ts -verify} checks them.
 */
public final class DemoTsa implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTsa.class);
    /** A policy id under the private-enterprise arc reserved for examples: this TSA has no real policy. */
    private static final ASN1ObjectIdentifier SAMPLE_POLICY = new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1");

    private final HttpServer server;
    private final TimeStampResponseGenerator generator;
    private final X509Certificate certificate;
    private final AtomicLong serial = new AtomicLong(System.currentTimeMillis());

    private DemoTsa(IssuedKey key)
            throws IOException, GeneralSecurityException, OperatorCreationException, TSPException {
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withRSA", key.privateKey(), key.certificate()),
                new JcaDigestCalculatorProviderBuilder()
                        .build()
                        .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                SAMPLE_POLICY);
        tokens.addCertificates(new JcaCertStore(key.chain()));
        this.generator = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        this.certificate = key.certificate();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tsa", this::answer);
        server.start();
    }

    /** Starts the sample TSA with the key in {@code tsa.p12} (alias {@code tsa}). */
    public static DemoTsa start(Path p12, char[] password) {
        try {
            return new DemoTsa(PkiFiles.readKey(PkiFiles.openPkcs12(p12, password), "tsa", password));
        } catch (IOException | GeneralSecurityException | OperatorCreationException | TSPException e) {
            throw new IllegalStateException(
                    "cannot start the sample time-stamping authority from " + p12.getFileName() + ": " + e.getMessage(),
                    e);
        }
    }

    /** The sample TSA of a sample deployment: {@code tsa/tsa.p12}, under KZ-GPO's key store password. */
    public static DemoTsa ofSample(Path deployment) {
        try {
            char[] password = Files.readString(deployment.resolve("kz-gpo/secrets/keystore.password"))
                    .strip()
                    .toCharArray();
            return start(deployment.resolve("tsa/tsa.p12"), password);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the sample key store password: " + e.getMessage(), e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            TimeStampRequest request = new TimeStampRequest(in.readNBytes(64 * 1024));
            byte[] body = generator
                    .generate(request, BigInteger.valueOf(serial.incrementAndGet()), new Date())
                    .getEncoded();
            exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException | TSPException | RuntimeException e) {
            LOG.warn("sample TSA could not answer a request: {}", e.toString());
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
