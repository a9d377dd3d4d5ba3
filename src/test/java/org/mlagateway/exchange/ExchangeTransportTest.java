package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlagateway.Gateway;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.message.ExampleMessages;
import org.mlagateway.message.xml.Message;
import org.mlagateway.testing.LogCapture;
import org.mlagateway.testing.PartnerClient;
import org.mlagateway.testing.SampleDeployments;
import org.mlagateway.testing.TwoGateways;

/** Transport-level behaviour: mutual TLS per partner, and the store being unavailable. */
class ExchangeTransportTest {
    @TempDir
    Path dir;

    private static byte[] envelopeFromRu(Gateway kz, PartnerClient ru) {
        Message m = new ExampleMessages(kz.codec()).request("transit-request.xml", "RU-GPO", "KZ-GPO");
        return ru.forge().build(new String(kz.codec().write(m), StandardCharsets.UTF_8));
    }

    private static String code(HttpResponse<String> response) {
        return response.body().replaceAll("(?s).*<exc:Code>([^<]*)</exc:Code>.*", "$1");
    }

    /** The same configuration, with mutual TLS required of RU-GPO. */
    private static GatewayConfig requireMutualTls(GatewayConfig c) {
        List<PartnerConfig> partners = new ArrayList<>();
        for (PartnerConfig p : c.partners()) {
            partners.add(
                    !p.id().equals("RU-GPO")
                            ? p
                            : new PartnerConfig(
                                    p.id(),
                                    p.authorityIds(),
                                    p.country(),
                                    p.endpoint(),
                                    p.signingAnchors(),
                                    p.crls(),
                                    p.encryptionCertificate(),
                                    p.tlsAnchors(),
                                    true,
                                    p.acceptedLanguages(),
                                    p.legalBases()));
        }
        return new GatewayConfig(
                c.authority(),
                c.keys(),
                c.listeners(),
                c.storage(),
                partners,
                c.routing(),
                c.limits(),
                c.sending(),
                c.log(),
                c.api());
    }

    @Test
    void partnerRequiringMutualTls_isRejectedWithoutAClientCertificate_andAcceptedWithIts() {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        GatewayConfig config = requireMutualTls(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")));
        try (Gateway kz = Gateway.start(config, Clock.systemUTC())) {
            PartnerClient ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
            HttpResponse<String> anonymous = ru.postWithoutClientCertificate(kz.exchangeUrl(), envelopeFromRu(kz, ru));
            assertEquals(400, anonymous.statusCode());
            assertEquals("CertificateUntrusted", code(anonymous));
            HttpResponse<String> mutual = ru.post(kz.exchangeUrl(), envelopeFromRu(kz, ru));
            assertEquals(200, mutual.statusCode(), mutual.body());
        }
    }

    @Test
    void unavailableStore_isTemporarilyUnavailable_503WithRetryAfter_andRetryable() {
        Path deployment = SampleDeployments.generate(dir.resolve("keys"));
        // With the store closed, the idle sender's passes fail too until the gateway closes: expected, not shown.
        try (LogCapture sender = LogCapture.of(OutboundSender.class);
                Gateway kz =
                        Gateway.start(TwoGateways.config(deployment, "kz-gpo", dir.resolve("kz")), Clock.systemUTC())) {
            PartnerClient ru = new PartnerClient(deployment, "ru-gpo", "kz-gpo");
            byte[] envelope = envelopeFromRu(kz, ru);
            kz.store().close();
            HttpResponse<String> response;
            try (LogCapture log = LogCapture.of(InboundExchange.class)) {
                response = ru.post(kz.exchangeUrl(), envelope);
                log.line(Level.ERROR, "store unavailable while receiving");
            }
            assertEquals(503, response.statusCode(), "RFC 9110 §15.6.4: come back later");
            assertEquals(List.of("30"), response.headers().allValues("Retry-After"));
            assertEquals("TemporarilyUnavailable", code(response));
            assertTrue(response.body().contains("<soap:Value>soap:Receiver</soap:Value>"));
            assertTrue(response.body().contains("<exc:Retryable>true</exc:Retryable>"));
        }
    }
}
