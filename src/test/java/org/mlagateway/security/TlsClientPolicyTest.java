package org.mlagateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.testing.TestPki;

/**
 * Our outbound client (the JDK HttpClient with {@link TlsContexts#clientParameters()}, as the
 * gateway builds it for each partner) holds the same line as our listeners: a partner server that
 * offers only static-RSA or CBC suites over TLS 1.2 gets no connection; ECDHE with AEAD does.
 */
class TlsClientPolicyTest {
    private static TestPki partner;
    private static TestPki ours;
    private static final ExecutorService SERVER = Executors.newCachedThreadPool();

    @BeforeAll
    static void pki() {
        partner = TestPki.create("RU-GPO", "RU");
        ours = TestPki.create("KZ-GPO", "KZ");
    }

    @AfterAll
    static void stop() {
        SERVER.shutdownNow();
        partner = null;
        ours = null;
    }

    /** A TLS 1.2 server with only {@code suite}, answering each request with a bare 200. */
    private static SSLServerSocket server(String suite) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(TlsContexts.keyManagers(partner.tls()), null, null);
        SSLServerSocket server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setEnabledCipherSuites(new String[] {suite});
        SERVER.submit(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                    socket.getInputStream().read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    // the handshake failed, as it should for a refused suite
                }
            }
            return null;
        });
        return server;
    }

    private static HttpResponse<String> get(SSLServerSocket server) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(
                        TlsContexts.client(ours.tls(), List.of(partner.root().certificate())))
                .sslParameters(TlsContexts.clientParameters())
                .build();
        return client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void partnerOfferingOnlyStaticRsaOrCbc_getsNoConnection() throws Exception {
        for (String weak : List.of(
                "TLS_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_RSA_WITH_AES_128_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")) {
            try (SSLServerSocket server = server(weak)) {
                assertThrows(IOException.class, () -> get(server), weak + " was negotiated");
            }
        }
    }

    @Test
    void partnerOfferingEcdheWithAead_isReached() throws Exception {
        try (SSLServerSocket server = server("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
            assertEquals("ok", get(server).body());
        }
    }
}
